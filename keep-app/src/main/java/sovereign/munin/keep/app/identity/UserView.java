package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.store.identity.UserRow;

/**
 * A user as the use cases hand it out: who they are and the state of their account, never the password hash, the
 * TOTP secret or the failure counter.
 */
public record UserView(String id, String name, String role, boolean mustChangePassword, boolean disabled,
    boolean hasTotp, long createdAt) {

  static UserView of(UserRow r) {
    return new UserView(r.id(), r.name(), r.role(), r.mustChange(), r.isDisabled(), r.hasTotp(), r.createdAt());
  }
}
