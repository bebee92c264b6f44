package sovereign.munin.keep.app.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.crypto.PasswordHasher;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.SessionDao;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.UserRow;

/** Creates, lists, disables users and changes passwords; each change is one transaction with its audit event. */
public final class Users {

  /** Long enough that a guessed password is not the weak point; no composition rules (NIST SP 800-63B). */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final SecureRandom rng;
  private final PasswordHasher hasher;

  public Users(Database state, AuditSink audit, Clock clock, SecureRandom rng) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.rng = rng;
    this.hasher = new PasswordHasher(rng);
  }

  PasswordHasher hasher() {
    return hasher;
  }

  /** Creates a user with a one-time password that must be changed at first login. */
  public NewUser create(String actor, String name, String role) {
    Names.require(name, "user");
    Role r = Role.fromId(role == null ? "" : role).orElseThrow(() -> KeepException.badInput("bad-role",
        "unknown role '" + role + "'; one of admin, security-team, project-owner, developer, auditor, reporter"));
    OneTimePassword password = OneTimePassword.random(rng);
    String hash = hash(password.value());
    return state.transaction(h -> {
      if (h.attach(UserDao.class).findByName(name).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "user-exists", "a user named '" + name
            + "' already exists");
      }
      String id = insert(h, name, r, hash);
      audit.record(h, new AuditEvent(actor, "user.create", "success", "user:" + id, null, null,
          Map.of("role", r.id()), null, null).withPersonal("user:" + id, Map.of("name", name)));
      return new NewUser(id, name, r.id(), password);
    });
  }

  /**
   * Creates the first admin inside init's transaction; init's own audit event names the new user, so the
   * creation is recorded exactly once, with everything else init did.
   */
  public NewUser createFirstAdmin(Handle h) {
    OneTimePassword password = OneTimePassword.random(rng);
    String id = insert(h, "admin", Role.ADMIN, hash(password.value()));
    return new NewUser(id, "admin", "admin", password);
  }

  private String insert(Handle h, String name, Role role, String hash) {
    String id = "u_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    h.attach(UserDao.class).insert(UserRow.fresh(id, name, role.id(), hash, true, clock.millis()));
    return id;
  }

  public List<UserView> list() {
    return state.read(h -> h.attach(UserDao.class).list()).stream().map(UserView::of).toList();
  }

  public UserView byName(String name) {
    return UserView.of(rowByName(name));
  }

  public UserView byId(String id) {
    return UserView.of(row(id));
  }

  /** The user behind a credential, when the account exists and is not disabled. */
  public java.util.Optional<UserView> enabled(String id) {
    return state.read(h -> h.attach(UserDao.class).findById(id)).filter(u -> !u.isDisabled()).map(UserView::of);
  }

  UserRow rowByName(String name) {
    return state.read(h -> h.attach(UserDao.class).findByName(name == null ? "" : name))
        .orElseThrow(() -> IdentityErrors.notFound("user", name));
  }

  UserRow row(String id) {
    return state.read(h -> h.attach(UserDao.class).findById(id)).orElseThrow(IdentityErrors::loginFailed);
  }

  /** Disables a user and ends all their sessions in the same transaction. */
  public void disable(String actor, String name) {
    UserRow user = rowByName(name);
    if (actor.equals("user:" + user.id())) {
      throw new KeepException(KeepException.Kind.CONFLICT, "self-disable", "you cannot disable your own account");
    }
    state.transaction(h -> {
      h.attach(UserDao.class).setDisabled(user.id(), 1);
      h.attach(SessionDao.class).endAll(user.id(), clock.millis());
      audit.record(h, AuditEvent.success(actor, "user.disable", "user:" + user.id(), Map.of()));
      return null;
    });
  }

  /** Changes the password after checking the current one; ends the must-change state. */
  public void changePassword(String userId, String current, String next) {
    UserRow user = state.read(h -> h.attach(UserDao.class).findById(userId))
        .orElseThrow(IdentityErrors::loginFailed);
    if (!verify(current, user.passwordHash())) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "wrong-password", "the current password is wrong");
    }
    if (next == null || next.length() < MIN_PASSWORD_LENGTH
        || next.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      throw KeepException.badInput("weak-password", "a new password needs at least " + MIN_PASSWORD_LENGTH
          + " characters");
    }
    if (next.equals(current)) {
      throw KeepException.badInput("same-password", "the new password must differ from the current one");
    }
    String hash = hash(next);
    state.transaction(h -> {
      h.attach(UserDao.class).setPassword(userId, hash, 0);
      audit.record(h, AuditEvent.success("user:" + userId, "user.password-change", "user:" + userId, Map.of()));
      return null;
    });
  }

  String hash(String password) {
    try (SecretBytes pw = SecretBytes.copyOf(password.getBytes(StandardCharsets.UTF_8))) {
      return hasher.hash(pw);
    }
  }

  boolean verify(String password, String encoded) {
    if (password == null) {
      return false;
    }
    try (SecretBytes pw = SecretBytes.copyOf(password.getBytes(StandardCharsets.UTF_8))) {
      return hasher.verify(pw, encoded);
    } catch (sovereign.munin.keep.crypto.PasswordHashFormatException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "corrupt-password-hash",
          "a stored password hash is damaged; an administrator must reset this account", e);
    }
  }
}
