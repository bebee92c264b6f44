package sovereign.munin.keep.app.identity;

/** A user just created, with the one-time password to hand over (shown once). */
public record NewUser(String id, String name, String role, OneTimePassword password) {}
