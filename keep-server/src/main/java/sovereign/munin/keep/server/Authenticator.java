package sovereign.munin.keep.server;

import io.javalin.http.Context;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.store.ApiTokenRow;

/** Turns an {@code Authorization: Bearer} token into the caller's token row, or refuses without saying why. */
final class Authenticator {

  private final ApiTokens tokens;

  Authenticator(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * The caller, whose role must grant {@code permission}; deny unless a rule allows. Until users and roles exist,
   * only the admin role holds permissions.
   */
  ApiTokenRow require(Context ctx, String permission) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new KeepException(KeepException.Kind.UNAUTHENTICATED, "unauthenticated",
          "this call needs an API token: Authorization: Bearer <token>");
    }
    ApiTokenRow row = tokens.authenticate(header.substring("Bearer ".length()).strip())
        .orElseThrow(() -> new KeepException(KeepException.Kind.UNAUTHENTICATED, "unauthenticated",
            "the API token is unknown, expired or revoked"));
    if (!row.role().equals("admin")) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + permission
          + "' permission");
    }
    return row;
  }
}
