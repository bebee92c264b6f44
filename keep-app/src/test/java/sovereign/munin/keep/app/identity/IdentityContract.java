package sovereign.munin.keep.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestClock;
import sovereign.munin.keep.app.audit.AuditReader;
import sovereign.munin.keep.app.audit.EventView;
import sovereign.munin.keep.governance.LockoutPolicy;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.identity.UserRow;

/** Users, the first admin, lockout and projects on one database engine. */
abstract class IdentityContract {

  @TempDir
  Path base;

  KeepInstance instance;
  TestClock clock;
  Users users;
  PasswordLogin login;
  Projects projects;

  protected abstract KeepInstance newDevInstance(Path base);

  @BeforeEach
  void open() {
    instance = newDevInstance(base);
    clock = TestClock.now();
    users = new Users(instance.state(), instance.audit(), clock, new SecureRandom());
    login = new PasswordLogin(instance.state(), instance.audit(), clock, users, LockoutPolicy.DEFAULT);
    projects = new Projects(instance.state(), instance.audit(), clock);
  }

  @AfterEach
  void close() {
    instance.close();
  }

  private List<EventView> events(String action) {
    instance.sequencer().integrateAll(100);
    return new AuditReader(instance.state()).search(new AuditReader.Query(null, action, null, 0, Long.MAX_VALUE,
        100));
  }

  private static KeepException.Kind kindOf(Runnable r) {
    try {
      r.run();
    } catch (KeepException e) {
      return e.kind();
    }
    throw new AssertionError("no KeepException");
  }

  @Test
  void init_dev_firstAdminPasswordFileIsPrivateAndWorksOnce() throws Exception {
    Path file = instance.dataDirectory().devAdminPassword();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String password = Files.readString(file).strip();
    UserRow admin = login.check("admin", password);
    assertThat(admin.role()).isEqualTo("admin");
    assertThat(admin.mustChange()).isTrue();
    users.changePassword(admin.id(), password, "a much better passphrase");
    assertThat(login.check("admin", "a much better passphrase").mustChange()).isFalse();
    assertThatThrownBy(() -> login.check("admin", password)).hasMessage(IdentityErrors.LOGIN_FAILED);
  }

  @Test
  void create_user_loginWithOneTimePasswordAndAudited() {
    NewUser alice = users.create("user:x", "alice", "developer");
    assertThat(login.check("alice", alice.password().value()).id()).isEqualTo(alice.id());
    assertThat(events("user.create")).extracting(EventView::actor).contains("user:x");
    assertThat(alice.password().toString()).doesNotContain(alice.password().value());
  }

  @Test
  void create_duplicateOrBadInput_isRefused() {
    users.create("user:x", "alice", "developer");
    assertThat(kindOf(() -> users.create("user:x", "alice", "developer"))).isEqualTo(KeepException.Kind.CONFLICT);
    assertThat(kindOf(() -> users.create("user:x", "Bob Smith", "developer")))
        .isEqualTo(KeepException.Kind.BAD_INPUT);
    assertThat(kindOf(() -> users.create("user:x", "bob", "overlord"))).isEqualTo(KeepException.Kind.BAD_INPUT);
  }

  @Test
  void check_wrongPasswordBurst_locksWithSameMessageAsUnknownUser() {
    NewUser alice = users.create("user:x", "alice", "developer");
    for (int i = 0; i < LockoutPolicy.DEFAULT.threshold(); i++) {
      assertThatThrownBy(() -> login.check("alice", "wrong password!")).hasMessage(IdentityErrors.LOGIN_FAILED);
    }
    assertThatThrownBy(() -> login.check("alice", alice.password().value()))
        .hasMessage(IdentityErrors.LOGIN_FAILED);
    assertThatThrownBy(() -> login.check("nobody", "whatever")).hasMessage(IdentityErrors.LOGIN_FAILED);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    UserRow ok = login.check("alice", alice.password().value());
    assertThat(ok.failedLogins()).isEqualTo(LockoutPolicy.DEFAULT.threshold());
    login.succeeded(ok);
    assertThat(users.rowByName("alice").failedLogins()).isZero();
    assertThat(events("user.login")).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void disable_user_cannotLogIn() {
    NewUser alice = users.create("user:x", "alice", "developer");
    users.disable("user:x", "alice");
    assertThatThrownBy(() -> login.check("alice", alice.password().value())).hasMessage(IdentityErrors.LOGIN_FAILED);
    assertThat(events("user.disable")).hasSize(1);
  }

  @Test
  void changePassword_tooShortOrWrongCurrent_isRefused() {
    NewUser alice = users.create("user:x", "alice", "developer");
    assertThat(kindOf(() -> users.changePassword(alice.id(), alice.password().value(), "short")))
        .isEqualTo(KeepException.Kind.BAD_INPUT);
    assertThat(kindOf(() -> users.changePassword(alice.id(), "not it", "long enough password")))
        .isEqualTo(KeepException.Kind.FORBIDDEN);
  }

  @Test
  void create_project_ownerHoldsProjectRoleThere() {
    users.create("user:x", "alice", "developer");
    users.create("user:x", "bob", "developer");
    ProjectView payments = projects.create("user:x", "payments", "alice");
    ProjectView other = projects.create("user:x", "ledger", "bob");
    projects.addMember("user:x", "payments", "bob", "developer");
    Actors actors = new Actors(instance.state(), clock);
    var alice = actors.of(users.byName("alice"));
    assertThat(alice.rolesIn(payments.id())).containsExactly(Role.PROJECT_OWNER);
    assertThat(alice.permits(Permission.ACCESS_APPROVE_OWNER, payments.id())).isTrue();
    assertThat(alice.permits(Permission.ACCESS_APPROVE_OWNER, other.id())).isFalse();
    assertThat(actors.of(users.byName("bob")).rolesIn(payments.id())).containsExactly(Role.DEVELOPER);
    assertThat(projects.list()).hasSize(2);
    assertThat(kindOf(() -> projects.create("user:x", "payments", "alice"))).isEqualTo(KeepException.Kind.CONFLICT);
    assertThat(kindOf(() -> projects.create("user:x", "new", "ghost"))).isEqualTo(KeepException.Kind.NOT_FOUND);
    assertThat(events("project.create")).hasSize(2);
  }
}
