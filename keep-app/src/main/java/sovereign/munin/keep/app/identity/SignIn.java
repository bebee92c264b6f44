package sovereign.munin.keep.app.identity;

import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.store.identity.UserRow;

/**
 * Sign-in, one sequence for the API, the console and {@code keep login}: the password (with lockout), then the
 * second factor (a TOTP or recovery code given with it, or a security key answering a challenge in a second step),
 * then a new session, which ends the one presented, and, for the command line, a login token. Every refusal is the
 * same login-failed error; a wrong second factor counts like a wrong password.
 */
public final class SignIn {

  /** What the password step leads to: a second step with a security key, or a signed-in user. */
  public sealed interface Outcome permits SecurityKeyStep, SignedIn {}

  /** The password was right; the user answers this challenge with a security key (or retries with a code). */
  public record SecurityKeyStep(String challengeId, Map<String, Object> options, boolean totp) implements Outcome {}

  /**
   * Every factor passed: the session (cookie and CSRF token, shown once), whether a second factor was checked, and
   * the login token when one was asked for (else null).
   */
  public record SignedIn(UserView user, Sessions.Started session, boolean mfaDone, ApiTokens.Issued cliToken)
      implements Outcome {
    @Override
    public String toString() {
      return "SignedIn[user=" + user.id() + ", mfa=" + mfaDone + ", secrets redacted]";
    }
  }

  private final PasswordLogin login;
  private final TotpMfa totp;
  private final WebAuthnSignIn securityKeys;
  private final WebAuthnMfa webauthn;
  private final Sessions sessions;
  private final Tokens tokens;

  SignIn(PasswordLogin login, TotpMfa totp, WebAuthnSignIn securityKeys, WebAuthnMfa webauthn, Sessions sessions,
      Tokens tokens) {
    this.login = login;
    this.totp = totp;
    this.securityKeys = securityKeys;
    this.webauthn = webauthn;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  /**
   * The first step: name and password, and a TOTP or recovery code when the user has one. Without a code, a user
   * with a security key gets a challenge instead. {@code previousCookie} is the session cookie presented, if any.
   */
  public Outcome withPassword(String name, String password, String code, String previousCookie, boolean cliToken) {
    UserRow user = login.check(name, password);
    if (code == null || code.isBlank()) {
      Optional<WebAuthnSignIn.LoginChallenge> challenge = securityKeys.startLogin(user);
      if (challenge.isPresent()) {
        return new SecurityKeyStep(challenge.get().id(), challenge.get().options(), user.hasTotp());
      }
    }
    boolean mfa = user.hasTotp() || webauthn.enrolled(user.id());
    if (mfa && !totp.verify(user, code)) {
      throw login.secondFactorFailed(user);
    }
    login.succeeded(user);
    return start(user, mfa, previousCookie, cliToken);
  }

  /** The second step: the security key's answer to the challenge of the first. */
  public SignedIn withSecurityKey(String challengeId, String credentialJson, String previousCookie,
      boolean cliToken) {
    return start(securityKeys.finishLogin(challengeId, credentialJson), true, previousCookie, cliToken);
  }

  private SignedIn start(UserRow user, boolean mfa, String previousCookie, boolean cliToken) {
    Sessions.Started s = sessions.start(user.id(), mfa, previousCookie);
    ApiTokens.Issued token = cliToken ? tokens.issueLogin(user.id(), sessions.policy().absolute(), mfa) : null;
    return new SignedIn(UserView.of(user), s, mfa, token);
  }
}
