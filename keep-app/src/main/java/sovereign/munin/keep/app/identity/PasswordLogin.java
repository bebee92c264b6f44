package sovereign.munin.keep.app.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.LockoutPolicy;
import sovereign.munin.keep.governance.LoginFailures;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.UserRow;

/**
 * Checks a name and password with lockout after repeated failures. Every refusal (unknown name, wrong
 * password, disabled, locked) gives the same error and costs one Argon2id computation, so neither the message
 * nor the timing says which names exist.
 */
public final class PasswordLogin {

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final Users users;
  private final LockoutPolicy lockout;
  private volatile String decoyHash;

  public PasswordLogin(Database state, AuditSink audit, Clock clock, Users users, LockoutPolicy lockout) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.users = users;
    this.lockout = lockout;
  }

  /** The user when the password is right and the account usable; otherwise the one login-failed error. */
  UserRow check(String name, String password) {
    Optional<UserRow> found = name == null || name.length() > 64 ? Optional.empty()
        : state.read(h -> h.attach(UserDao.class).findByName(name));
    Instant now = clock.instant();
    if (found.isEmpty()) {
      users.verify(password, decoy());
      throw IdentityErrors.loginFailed();
    }
    UserRow user = found.get();
    LoginFailures failures = failures(user);
    if (user.isDisabled() || lockout.isLockedAt(failures, now)) {
      // Neither checked nor counted: a locked account's lock cannot be stretched by guessing.
      users.verify(password, decoy());
      record(user, failures.count());
      throw IdentityErrors.loginFailed();
    }
    if (!users.verify(password, user.passwordHash())) {
      LoginFailures after = failures.afterFailure(now);
      state.transaction(h -> {
        h.attach(UserDao.class).recordFailures(user.id(), after.count(), now.toEpochMilli());
        audit.record(h, new AuditEvent("user:" + user.id(), "user.login", "failure", "user:" + user.id(), null,
            null, Map.of("reason", "password", "failures", (long) after.count(),
            "locked", lockout.isLockedAt(after, now)), null, null));
        return null;
      });
      throw IdentityErrors.loginFailed();
    }
    return user;
  }

  /**
   * The user behind a pending second sign-in step, when the account is still enabled and not locked; otherwise the
   * one login-failed error (the account may have been locked or disabled since the password was checked).
   */
  UserRow stillUsable(String userId) {
    UserRow user = state.read(h -> h.attach(UserDao.class).findById(userId)).orElseThrow(IdentityErrors::loginFailed);
    LoginFailures failures = failures(user);
    if (user.isDisabled() || lockout.isLockedAt(failures, clock.instant())) {
      record(user, failures.count());
      throw IdentityErrors.loginFailed();
    }
    return user;
  }

  UserRow row(String userId) {
    return users.row(userId);
  }

  private static LoginFailures failures(UserRow user) {
    return user.failedLogins() == 0 ? LoginFailures.NONE
        : new LoginFailures(user.failedLogins(), Optional.of(Instant.ofEpochMilli(user.lastFailedAt())));
  }

  /** Clears the failure count once every factor passed (not after the password alone, or TOTP could be guessed). */
  void succeeded(UserRow user) {
    if (user.failedLogins() != 0) {
      state.transaction(h -> h.attach(UserDao.class).recordFailures(user.id(), 0, null));
    }
  }

  /** Counts a wrong or missing second factor like a wrong password, and refuses with the same error. */
  RuntimeException secondFactorFailed(UserRow user) {
    Instant now = clock.instant();
    int count = user.failedLogins() == Integer.MAX_VALUE ? user.failedLogins() : user.failedLogins() + 1;
    state.transaction(h -> {
      h.attach(UserDao.class).recordFailures(user.id(), count, now.toEpochMilli());
      audit.record(h, new AuditEvent("user:" + user.id(), "user.login", "failure", "user:" + user.id(), null,
          null, Map.of("reason", "mfa", "failures", (long) count), null, null));
      return null;
    });
    return IdentityErrors.loginFailed();
  }

  /** Whether the account is locked now by repeated failures (sign-in and step-up count alike). */
  boolean lockedNow(UserRow user) {
    return lockout.isLockedAt(failures(user), clock.instant());
  }

  /**
   * Counts a wrong step-up code or security-key answer towards the same lockout as sign-in, audited as a failed
   * {@code user.step-up} naming the credential ({@code via}) that tried.
   */
  void stepUpFailed(UserRow user, String method, String via) {
    Instant now = clock.instant();
    int count = user.failedLogins() == Integer.MAX_VALUE ? user.failedLogins() : user.failedLogins() + 1;
    LoginFailures after = new LoginFailures(count, Optional.of(now));
    state.transaction(h -> {
      h.attach(UserDao.class).recordFailures(user.id(), count, now.toEpochMilli());
      audit.record(h, AuditEvent.failure("user:" + user.id(), "user.step-up", "user:" + user.id(),
          Map.of("method", method, "via", via, "failures", (long) count, "locked", lockout.isLockedAt(after, now))));
      return null;
    });
  }

  /** A passed step-up: clears the failure count and is audited, naming the credential that stepped up. */
  void steppedUp(UserRow user, String method, String via) {
    state.transaction(h -> {
      if (user.failedLogins() != 0) {
        h.attach(UserDao.class).recordFailures(user.id(), 0, null);
      }
      audit.record(h, AuditEvent.success("user:" + user.id(), "user.step-up", "user:" + user.id(),
          Map.of("method", method, "via", via)));
      return null;
    });
  }

  private void record(UserRow user, int failures) {
    state.transaction(h -> {
      audit.record(h, new AuditEvent("user:" + user.id(), "user.login", "denied", "user:" + user.id(), null, null,
          Map.of("reason", user.isDisabled() ? "disabled" : "locked", "failures", (long) failures), null, null));
      return null;
    });
  }

  private String decoy() {
    String h = decoyHash;
    if (h == null) {
      h = users.hash(OneTimePassword.random(new java.security.SecureRandom()).value());
      decoyHash = h;
    }
    return h;
  }
}
