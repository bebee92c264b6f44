package sovereign.munin.keep.app.identity;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.StoreException;
import sovereign.munin.keep.store.identity.WebAuthnChallengeDao;
import sovereign.munin.keep.store.identity.WebAuthnChallengeRow;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;
import sovereign.munin.keep.store.identity.WebAuthnDao;

/**
 * Registers, lists and removes a user's WebAuthn credentials (passkeys, security keys) as a second factor.
 * Attestation is "none": the key proves possession, not its make; the origin, RP id hash, challenge and algorithm
 * are checked, and each challenge answers one registration.
 */
public final class WebAuthnMfa {

  /** Enough for several keys and devices, few enough that the allow list stays small. */
  public static final int MAX_CREDENTIALS = 16;
  static final int MAX_JSON_CHARS = 64 * 1024;
  private static final int MAX_LABEL = 64;

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final RelyingParty rp;
  private final WebAuthnChallenges challenges;
  private final WebAuthnFormats formats;
  private final WebAuthnManager manager;

  WebAuthnMfa(Database state, AuditSink audit, Clock clock, RelyingParty rp, WebAuthnChallenges challenges,
      WebAuthnFormats formats, WebAuthnManager manager) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.rp = rp;
    this.challenges = challenges;
    this.formats = formats;
    this.manager = manager;
  }

  public RelyingParty relyingParty() {
    return rp;
  }

  /** Creation options for one more credential of {@code user}, naming the ones it has so none is added twice. */
  public Map<String, Object> registrationOptions(UserView user) {
    List<WebAuthnCredentialRow> existing = rows(user.id());
    if (existing.size() >= MAX_CREDENTIALS) {
      throw limitReached();
    }
    String handle = handle(user.id());
    WebAuthnChallengeRow c = challenges.issue(user.id(), WebAuthnChallenges.Purpose.REGISTRATION);
    return formats.creationOptions(rp, user, handle, c.challenge(), existing);
  }

  /**
   * Checks the browser's {@code PublicKeyCredential.toJSON()} against the pending challenge and stores the key;
   * {@code via} names the credential that asked (the session, or a login token by id), for the audit event.
   */
  public PasskeyView register(UserView user, String credentialJson, String label, String via) {
    String name = label(label);
    if (credentialJson == null || credentialJson.length() > MAX_JSON_CHARS) {
      throw KeepException.badInput("webauthn-credential-missing", "send the credential the browser created, as "
          + "PublicKeyCredential.toJSON() gives it (at most 64 KiB)");
    }
    WebAuthnChallengeRow c = challenges.take(user.id(), WebAuthnChallenges.Purpose.REGISTRATION)
        .orElseThrow(() -> new KeepException(KeepException.Kind.CONFLICT, "webauthn-no-challenge", "no pending "
            + "registration: ask for registration options first; they hold for 5 minutes and one answer"));
    RegistrationData data;
    try {
      data = manager.verify(manager.parseRegistrationResponseJSON(credentialJson),
          new RegistrationParameters(rp.serverProperty(c.challenge()), WebAuthnFormats.ALGORITHMS, false, true));
    } catch (RuntimeException e) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "webauthn-registration-refused", "the authenticator's "
          + "answer was refused (" + WebAuthnSignIn.reason(e) + "); ask for new options and try again");
    }
    AttestedCredentialData acd = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
    WebAuthnCredentialRow row = new WebAuthnCredentialRow("wa_" + challenges.random(12), user.id(),
        WebAuthnFormats.b64(acd.getCredentialId()), formats.attestedBytes(acd),
        data.getAttestationObject().getAuthenticatorData().getSignCount(),
        WebAuthnFormats.transports(data.getTransports()), name, clock.millis(), null);
    return state.transaction(h -> {
      WebAuthnDao dao = h.attach(WebAuthnDao.class);
      if (dao.findByCredentialId(row.credentialId()).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "webauthn-already-registered", "this authenticator's "
            + "credential is already registered");
      }
      if (dao.countOf(user.id()) >= MAX_CREDENTIALS) {
        throw limitReached();
      }
      dao.insert(row);
      audit.record(h, AuditEvent.success("user:" + user.id(), "user.mfa-enrol", "user:" + user.id(),
          Map.of("method", "webauthn", "credential", row.id(), "via", via)).withPersonal("user:" + user.id(),
          Map.of("label", name)));
      return PasskeyView.of(row);
    });
  }

  /** The user's passkeys and security keys. */
  public List<PasskeyView> list(String userId) {
    return rows(userId).stream().map(PasskeyView::of).toList();
  }

  List<WebAuthnCredentialRow> rows(String userId) {
    return state.read(h -> h.attach(WebAuthnDao.class).listOf(userId));
  }

  /** True when the user has at least one registered credential. */
  public boolean enrolled(String userId) {
    return state.read(h -> h.attach(WebAuthnDao.class).countOf(userId)) > 0;
  }

  /** Removes one of the user's own credentials; {@code via} names the credential that asked, for the audit event. */
  public void remove(UserView user, String credential, String via) {
    state.transaction(h -> {
      WebAuthnDao dao = h.attach(WebAuthnDao.class);
      if (credential == null || dao.delete(user.id(), credential) != 1) {
        throw new KeepException(KeepException.Kind.NOT_FOUND, "webauthn-credential-not-found", "you have no "
            + "security key or passkey with id '" + credential + "'");
      }
      audit.record(h, AuditEvent.success("user:" + user.id(), "user.mfa-remove", "user:" + user.id(),
          Map.of("method", "webauthn", "credential", credential, "left", (long) dao.countOf(user.id()),
              "via", via)));
      return null;
    });
  }

  /** Removes every credential and pending ceremony of a user inside the caller's transaction; the count removed. */
  static int removeAll(Handle h, String userId) {
    h.attach(WebAuthnChallengeDao.class).deleteAllOf(userId);
    return h.attach(WebAuthnDao.class).deleteAllOf(userId);
  }

  /** The user's random WebAuthn user handle, made on first use; authenticators never learn the name from it. */
  private String handle(String userId) {
    return state.read(h -> h.attach(WebAuthnDao.class).handleOf(userId)).orElseGet(() -> {
      String fresh = challenges.random(32);
      try {
        state.transaction(h -> {
          h.attach(WebAuthnDao.class).insertHandle(userId, fresh);
          return null;
        });
        return fresh;
      } catch (StoreException e) {
        // Another request made it first; both must use that one.
        return state.read(h -> h.attach(WebAuthnDao.class).handleOf(userId)).orElseThrow(() -> e);
      }
    });
  }

  private static String label(String label) {
    if (label == null || label.isBlank()) {
      return "security key";
    }
    String l = label.strip();
    if (l.length() > MAX_LABEL || l.chars().anyMatch(Character::isISOControl)) {
      throw KeepException.badInput("bad-label", "a label has at most " + MAX_LABEL
          + " characters and no control characters");
    }
    return l;
  }

  private static KeepException limitReached() {
    return new KeepException(KeepException.Kind.CONFLICT, "webauthn-limit", "at most " + MAX_CREDENTIALS
        + " security keys and passkeys per user; remove one first");
  }
}
