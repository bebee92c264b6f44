package sovereign.munin.keep.app.identity;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.store.identity.UserRow;

/**
 * A fresh MFA check for sensitive actions, by TOTP or recovery code or by security key. Wrong answers count towards
 * the same lockout as sign-in, so step-up cannot be used to guess codes; every attempt is audited with the
 * credential (session or token) that made it.
 */
public final class StepUps {

  private final PasswordLogin login;
  private final TotpMfa totp;
  private final WebAuthnSignIn webauthn;

  StepUps(PasswordLogin login, TotpMfa totp, WebAuthnSignIn webauthn) {
    this.login = login;
    this.totp = totp;
    this.webauthn = webauthn;
  }

  /** Passes when {@code code} is a fresh TOTP code or an unused recovery code; otherwise counts and refuses. */
  public void withCode(UserView who, String code, String via) {
    UserRow user = login.row(who.id());
    check(user, "totp", via, () -> totp.verify(user, code), () -> new KeepException(KeepException.Kind.FORBIDDEN,
        "mfa-code-wrong", "the code is wrong, was already used, or no TOTP is enrolled ('keep mfa totp' enrols "
        + "one); repeated wrong codes lock the account"));
  }

  /** Passes when the assertion answers the user's pending step-up challenge; otherwise counts and refuses. */
  public void withSecurityKey(UserView who, String credentialJson, String via) {
    UserRow user = login.row(who.id());
    check(user, "webauthn", via, () -> webauthn.stepUp(user, credentialJson), () -> new KeepException(
        KeepException.Kind.FORBIDDEN, "webauthn-assertion-refused", "the security key's answer was refused: ask "
        + "for new step-up options and try again"));
  }

  /** A locked account is refused unchecked; a failed answer is counted and refused; a passed one is recorded. */
  private void check(UserRow user, String method, String via, BooleanSupplier passes,
      Supplier<KeepException> refusal) {
    if (login.lockedNow(user)) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "mfa-locked", "the account is locked for a while "
          + "after repeated failed sign-ins or step-ups; wait, or ask an administrator");
    }
    if (!passes.getAsBoolean()) {
      login.stepUpFailed(user, method, via);
      throw refusal.get();
    }
    login.steppedUp(user, method, via);
  }
}
