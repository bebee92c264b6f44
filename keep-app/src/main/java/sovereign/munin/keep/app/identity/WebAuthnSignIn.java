package sovereign.munin.keep.app.identity;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.UserRow;
import sovereign.munin.keep.store.identity.WebAuthnChallengeRow;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;
import sovereign.munin.keep.store.identity.WebAuthnDao;

/**
 * WebAuthn assertions as the second sign-in step and as step-up. An assertion counts only when it answers a
 * pending challenge of the same purpose, comes from one of the user's own credentials, names this server's origin
 * and RP id, is signed by the stored key, and moves a non-zero signature counter forward (a counter that stands
 * still or goes back may mean a cloned authenticator: refused and audited).
 */
public final class WebAuthnSignIn {

  /** A pending second login step: its id, to send back, and the request options for the browser. */
  public record LoginChallenge(String id, Map<String, Object> options) {}

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final RelyingParty rp;
  private final WebAuthnChallenges challenges;
  private final WebAuthnFormats formats;
  private final WebAuthnManager manager;
  private final PasswordLogin login;

  WebAuthnSignIn(Database state, AuditSink audit, Clock clock, RelyingParty rp, WebAuthnChallenges challenges,
      WebAuthnFormats formats, WebAuthnManager manager, PasswordLogin login) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.rp = rp;
    this.challenges = challenges;
    this.formats = formats;
    this.manager = manager;
    this.login = login;
  }

  /** After a right password: a login challenge when the user has credentials, otherwise empty. */
  Optional<LoginChallenge> startLogin(UserRow user) {
    List<WebAuthnCredentialRow> credentials = credentials(user.id());
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    WebAuthnChallengeRow c = challenges.issue(user.id(), WebAuthnChallenges.Purpose.LOGIN);
    return Optional.of(new LoginChallenge(c.id(), formats.requestOptions(rp, c.challenge(), credentials)));
  }

  /**
   * The second login step: the user when the assertion answers the login challenge. Any failure is the one
   * login-failed error; a wrong assertion counts towards lockout like a wrong TOTP code.
   */
  UserRow finishLogin(String challengeId, String credentialJson) {
    WebAuthnChallengeRow c = challenges.takeById(challengeId, WebAuthnChallenges.Purpose.LOGIN)
        .orElseThrow(IdentityErrors::loginFailed);
    UserRow user = login.stillUsable(c.userId());
    if (!verify(user, c, credentialJson)) {
      throw login.secondFactorFailed(user);
    }
    login.succeeded(user);
    return user;
  }

  /** Request options for a fresh check of a signed-in user (step-up). */
  public Map<String, Object> stepUpOptions(UserView user) {
    List<WebAuthnCredentialRow> credentials = credentials(user.id());
    if (credentials.isEmpty()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "webauthn-not-enrolled", "you have no security key or "
          + "passkey registered; register one, or step up with a TOTP code");
    }
    WebAuthnChallengeRow c = challenges.issue(user.id(), WebAuthnChallenges.Purpose.STEP_UP);
    return formats.requestOptions(rp, c.challenge(), credentials);
  }

  /** True when the assertion answers the user's pending step-up challenge. */
  boolean stepUp(UserRow user, String credentialJson) {
    return challenges.take(user.id(), WebAuthnChallenges.Purpose.STEP_UP)
        .map(c -> verify(user, c, credentialJson)).orElse(false);
  }

  private boolean verify(UserRow user, WebAuthnChallengeRow c, String json) {
    if (json == null || json.length() > WebAuthnMfa.MAX_JSON_CHARS) {
      return false;
    }
    AuthenticationData data;
    try {
      data = manager.parseAuthenticationResponseJSON(json);
    } catch (RuntimeException e) {
      return false;
    }
    List<WebAuthnCredentialRow> mine = credentials(user.id());
    String presented = data.getCredentialId() == null ? "" : WebAuthnFormats.b64(data.getCredentialId());
    Optional<WebAuthnCredentialRow> found = mine.stream().filter(r -> r.credentialId().equals(presented)).findFirst();
    if (found.isEmpty()) {
      return false;
    }
    WebAuthnCredentialRow row = found.get();
    List<byte[]> allowed = mine.stream().map(r -> Base64.getUrlDecoder().decode(r.credentialId())).toList();
    try {
      manager.verify(data, new AuthenticationParameters(rp.serverProperty(c.challenge()), formats.record(row),
          allowed, false, true));
    } catch (MaliciousCounterValueException e) {
      counterRegressed(user, row, data.getAuthenticatorData().getSignCount());
      return false;
    } catch (RuntimeException e) {
      return false;
    }
    long next = data.getAuthenticatorData().getSignCount();
    if ((next != 0 || row.signCount() != 0) && next <= row.signCount()) {
      counterRegressed(user, row, next);
      return false;
    }
    return state.transaction(h -> h.attach(WebAuthnDao.class).recordUse(row.id(), row.signCount(), next,
        clock.millis())) == 1;
  }

  private void counterRegressed(UserRow user, WebAuthnCredentialRow row, long presented) {
    state.transaction(h -> {
      audit.record(h, new AuditEvent("user:" + user.id(), "user.webauthn-counter-regressed", "failure",
          "user:" + user.id(), null, null, Map.of("credential", row.id(), "stored", row.signCount(),
          "presented", presented), null, null));
      return null;
    });
  }

  private List<WebAuthnCredentialRow> credentials(String userId) {
    return state.read(h -> h.attach(WebAuthnDao.class).listOf(userId));
  }

  /** A short, safe reason for a refused ceremony: the check that failed, never the data. */
  static String reason(RuntimeException e) {
    String name = e.getClass().getSimpleName().replaceAll("Exception$", "");
    return name.isEmpty() ? "malformed" : name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
