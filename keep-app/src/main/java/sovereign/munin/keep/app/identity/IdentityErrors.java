package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.GovernanceException;

/** The errors identity use cases share, so every path says the same thing for the same failure. */
final class IdentityErrors {

  /** One message for an unknown name, a wrong password, a disabled or a locked account: no enumeration. */
  static final String LOGIN_FAILED = "sign-in failed: the name, password or code is wrong, or the account is "
      + "locked for a while after repeated failures";

  private IdentityErrors() {}

  static KeepException loginFailed() {
    return new KeepException(KeepException.Kind.UNAUTHENTICATED, "login-failed", LOGIN_FAILED);
  }

  static KeepException notFound(String what, String name) {
    return new KeepException(KeepException.Kind.NOT_FOUND, what + "-not-found", "no " + what + " named '" + name
        + "'");
  }

  static KeepException refused(GovernanceException e) {
    return new KeepException(KeepException.Kind.FORBIDDEN, e.refusal().slug(), e.getMessage());
  }
}
