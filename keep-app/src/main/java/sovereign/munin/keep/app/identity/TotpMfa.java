package sovereign.munin.keep.app.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.OtpAuthUri;
import sovereign.munin.keep.crypto.RecoveryCodes;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Totp;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.UserRow;

/**
 * TOTP (RFC 6238) enrolment and checks, and one-time recovery codes. Secrets are wrapped under the root key,
 * bound to the user id; the last used time step is stored so a code cannot be used twice.
 */
public final class TotpMfa {

  private static final String ISSUER = "Munin Keep";

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final SecureRandom rng;
  private final SealState seal;

  public TotpMfa(Database state, AuditSink audit, Clock clock, SecureRandom rng, SealState seal) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.rng = rng;
    this.seal = seal;
  }

  /**
   * Starts (or restarts) enrolment; returns the otpauth URI once. Refused while TOTP is confirmed. {@code via} names
   * the credential that asked (the session, or a login token by id), for the audit event.
   */
  public String enrol(UserView who, String via) {
    UserRow user = row(who.id());
    if (user.hasTotp()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "mfa-already-enrolled", "TOTP is already set up; an "
          + "administrator can reset it with 'keep user reset-mfa'");
    }
    try (SecretBytes secret = Totp.newSecret(rng)) {
      byte[] raw = secret.copyBytes();
      byte[] wrapped = seal.withRootKey(root -> root.wrap(raw, aad(user.id())));
      java.util.Arrays.fill(raw, (byte) 0);
      state.transaction(h -> {
        h.attach(UserDao.class).setTotp(user.id(), wrapped, 0, -1);
        audit.record(h, AuditEvent.success("user:" + user.id(), "user.mfa-enrol-start", "user:" + user.id(),
            Map.of("method", "totp", "via", via)));
        return null;
      });
      return OtpAuthUri.totp(ISSUER, user.name(), secret, Totp.DEFAULT);
    }
  }

  /**
   * Confirms enrolment with a first code; returns the recovery codes, shown once. {@code via} names the credential
   * that asked, for the audit event.
   */
  public List<String> confirm(UserView who, String code, String via) {
    UserRow user = row(who.id());
    if (user.totpSecret() == null || user.hasTotp()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "mfa-not-pending", "start TOTP enrolment first");
    }
    OptionalLong step = match(user, code);
    if (step.isEmpty()) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "mfa-code-wrong", "the code is wrong or was used");
    }
    RecoveryCodes.Issued codes = RecoveryCodes.issue(rng);
    state.transaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      dao.setTotp(user.id(), user.totpSecret(), 1, step.getAsLong());
      dao.deleteRecoveryCodes(user.id());
      codes.storedHashes().forEach(hash -> dao.insertRecoveryCode(user.id(), hash));
      audit.record(h, AuditEvent.success("user:" + user.id(), "user.mfa-enrol", "user:" + user.id(),
          Map.of("method", "totp", "recoveryCodes", (long) codes.codes().size(), "via", via)));
      return null;
    });
    return codes.codes();
  }

  /**
   * True when {@code code} is a fresh TOTP code or an unused recovery code of a user with TOTP; a code is
   * consumed in the same transaction that checks it was not used, so two racing requests cannot both pass.
   */
  boolean verify(UserRow user, String code) {
    if (!user.hasTotp() || code == null || code.length() > 64) {
      return false;
    }
    OptionalLong step = match(user, code);
    if (step.isPresent()) {
      return state.transaction(h -> h.attach(UserDao.class).useTotpStep(user.id(), step.getAsLong())) == 1;
    }
    List<String> hashes = state.read(h -> h.attach(UserDao.class).recoveryCodes(user.id()));
    Optional<String> used;
    try {
      used = RecoveryCodes.match(code, hashes);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "corrupt-recovery-code", "a stored recovery code is "
          + "damaged; an administrator must reset this account's MFA", e);
    }
    if (used.isEmpty()) {
      return false;
    }
    return state.transaction(h -> {
      int n = h.attach(UserDao.class).deleteRecoveryCode(user.id(), used.get());
      if (n == 1) {
        audit.record(h, AuditEvent.success("user:" + user.id(), "user.recovery-code-used", "user:" + user.id(),
            Map.of("left", (long) hashes.size() - 1)));
      }
      return n == 1;
    });
  }

  /** Removes TOTP, recovery codes and WebAuthn credentials, so the user enrols again at next login. */
  public void reset(String actor, UserView user) {
    state.transaction(h -> {
      h.attach(UserDao.class).setTotp(user.id(), null, 0, -1);
      h.attach(UserDao.class).deleteRecoveryCodes(user.id());
      int keys = WebAuthnMfa.removeAll(h, user.id());
      audit.record(h, AuditEvent.success(actor, "user.mfa-reset", "user:" + user.id(),
          Map.of("webauthnCredentials", (long) keys)));
      return null;
    });
  }

  private UserRow row(String userId) {
    return state.read(h -> h.attach(UserDao.class).findById(userId)).orElseThrow(IdentityErrors::loginFailed);
  }

  private OptionalLong match(UserRow user, String code) {
    if (code == null) {
      return OptionalLong.empty();
    }
    byte[] raw = seal.withRootKey(root -> root.unwrap(user.totpSecret(), aad(user.id())));
    try (SecretBytes secret = SecretBytes.copyOf(raw)) {
      return Totp.DEFAULT.verify(secret, code.strip(), clock.instant(), user.totpLastStep());
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] aad(String userId) {
    return ("totp-secret|" + userId).getBytes(StandardCharsets.UTF_8);
  }
}
