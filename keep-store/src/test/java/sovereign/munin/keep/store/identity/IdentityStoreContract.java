package sovereign.munin.keep.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.StoreException;

/** The identity DAOs, run against every database engine. */
abstract class IdentityStoreContract {

  private Database db;

  protected abstract DatabaseUrl url();

  private Database db() {
    if (db == null) {
      db = Database.open(url(), Database.Schema.STATE);
    }
    return db;
  }

  @AfterEach
  void closeDb() {
    if (db != null) {
      db.close();
    }
  }

  private void addUser(String id, String name) {
    db().transaction(h -> {
      h.attach(UserDao.class).insert(UserRow.fresh(id, name, "developer", "$argon2id$x", true, 1000));
      return null;
    });
  }

  @Test
  void insert_user_readsBackByNameAndId() {
    addUser("u1", "alice");
    UserRow row = db().read(h -> h.attach(UserDao.class).findByName("alice")).orElseThrow();
    assertThat(row.id()).isEqualTo("u1");
    assertThat(row.mustChange()).isTrue();
    assertThat(row.isDisabled()).isFalse();
    assertThat(row.totpLastStep()).isEqualTo(-1);
    java.util.Optional<UserRow> byId = db().read(h -> h.attach(UserDao.class).findById("u1"));
    java.util.List<UserRow> all = db().read(h -> h.attach(UserDao.class).list());
    assertThat(byId).isPresent();
    assertThat(all).hasSize(1);
  }

  @Test
  void insert_duplicateName_isConflict() {
    addUser("u1", "alice");
    assertThatThrownBy(() -> addUser("u2", "alice")).isInstanceOf(StoreException.class);
    java.util.List<UserRow> all = db().read(h -> h.attach(UserDao.class).list());
    assertThat(all).hasSize(1);
  }

  @Test
  void updates_failuresPasswordDisabled_areStored() {
    addUser("u1", "alice");
    db().transaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      dao.recordFailures("u1", 3, 5000L);
      dao.setPassword("u1", "$argon2id$y", 0);
      dao.setDisabled("u1", 1);
      return null;
    });
    UserRow row = db().read(h -> h.attach(UserDao.class).findById("u1")).orElseThrow();
    assertThat(row.failedLogins()).isEqualTo(3);
    assertThat(row.lastFailedAt()).isEqualTo(5000L);
    assertThat(row.passwordHash()).isEqualTo("$argon2id$y");
    assertThat(row.mustChange()).isFalse();
    assertThat(row.isDisabled()).isTrue();
  }

  @Test
  void useTotpStep_sameStepTwice_secondChangesNothing() {
    addUser("u1", "alice");
    int first = db().transaction(h -> {
      h.attach(UserDao.class).setTotp("u1", new byte[] {1, 2, 3}, 1, 10);
      return h.attach(UserDao.class).useTotpStep("u1", 11);
    });
    int replay = db().transaction(h -> h.attach(UserDao.class).useTotpStep("u1", 11));
    assertThat(first).isEqualTo(1);
    assertThat(replay).isZero();
    UserRow row = db().read(h -> h.attach(UserDao.class).findById("u1")).orElseThrow();
    assertThat(row.hasTotp()).isTrue();
    assertThat(row.totpSecret()).containsExactly(1, 2, 3);
  }

  @Test
  void recoveryCodes_insertListDelete() {
    addUser("u1", "alice");
    db().transaction(h -> {
      h.attach(UserDao.class).insertRecoveryCode("u1", "h1");
      h.attach(UserDao.class).insertRecoveryCode("u1", "h2");
      return null;
    });
    java.util.List<String> codes = db().read(h -> h.attach(UserDao.class).recoveryCodes("u1"));
    assertThat(codes).containsExactly("h1", "h2");
    int once = db().transaction(h -> h.attach(UserDao.class).deleteRecoveryCode("u1", "h1"));
    int twice = db().transaction(h -> h.attach(UserDao.class).deleteRecoveryCode("u1", "h1"));
    assertThat(once).isEqualTo(1);
    assertThat(twice).isZero();
    db().transaction(h -> h.attach(UserDao.class).deleteRecoveryCodes("u1"));
    java.util.List<String> left = db().read(h -> h.attach(UserDao.class).recoveryCodes("u1"));
    assertThat(left).isEmpty();
  }

  @Test
  void projects_andMembers_roundTrip() {
    addUser("u1", "alice");
    db().transaction(h -> {
      ProjectDao dao = h.attach(ProjectDao.class);
      dao.insert(new ProjectRow("p1", "payments", 1000));
      dao.addMember(new MemberRow("p1", "u1", "project-owner", 1000));
      return null;
    });
    java.util.Optional<ProjectRow> found = db().read(h -> h.attach(ProjectDao.class).findByName("payments"));
    java.util.List<MemberRow> members = db().read(h -> h.attach(ProjectDao.class).members("p1"));
    java.util.List<MemberRow> memberships = db().read(h -> h.attach(ProjectDao.class).memberships("u1"));
    java.util.List<ProjectRow> all = db().read(h -> h.attach(ProjectDao.class).list());
    assertThat(found).map(ProjectRow::id).contains("p1");
    assertThat(members).extracting(MemberRow::role).containsExactly("project-owner");
    assertThat(memberships).hasSize(1);
    assertThat(all).hasSize(1);
  }

  @Test
  void addMember_unknownProject_isRefused() {
    addUser("u1", "alice");
    assertThatThrownBy(() -> db().transaction(h -> {
      h.attach(ProjectDao.class).addMember(new MemberRow("nope", "u1", "developer", 1));
      return null;
    })).isInstanceOf(StoreException.class);
  }

  @Test
  void sessions_touchMfaEnd_andEndAll() {
    addUser("u1", "alice");
    db().transaction(h -> {
      SessionDao dao = h.attach(SessionDao.class);
      dao.insert(new SessionRow("s1", "u1", "csrf", 1000, 1000, null, null));
      dao.insert(new SessionRow("s2", "u1", "csrf2", 1000, 1000, null, null));
      dao.touch("s1", 2000);
      dao.markMfa("s1", 2000);
      dao.end("s1", 3000);
      return null;
    });
    SessionRow s1 = db().read(h -> h.attach(SessionDao.class).find("s1")).orElseThrow();
    assertThat(s1.lastSeenAt()).isEqualTo(2000);
    assertThat(s1.mfaAt()).isEqualTo(2000L);
    assertThat(s1.endedAt()).isEqualTo(3000L);
    int ended = db().transaction(h -> h.attach(SessionDao.class).endAll("u1", 4000));
    assertThat(ended).isEqualTo(1);
    assertThat(db().read(h -> h.attach(SessionDao.class).find("s2")).orElseThrow().endedAt()).isEqualTo(4000L);
  }

  @Test
  void apiToken_ownedByUser_keepsScopeAndRevokesWithOwner() {
    addUser("u1", "alice");
    db().transaction(h -> {
      h.attach(sovereign.munin.keep.store.ApiTokenDao.class).insert(new sovereign.munin.keep.store.ApiTokenRow(
          "t1", "h1", "cli", "user", 1000, 9000L, null, "u1", "p1,p2", "key.read"));
      return null;
    });
    var row = db().read(h -> h.attach(sovereign.munin.keep.store.ApiTokenDao.class).findByHash("h1")).orElseThrow();
    assertThat(row.userId()).isEqualTo("u1");
    assertThat(row.scopeProjects()).isEqualTo("p1,p2");
    assertThat(row.scopePermissions()).isEqualTo("key.read");
    int revoked = db().transaction(h -> h.attach(sovereign.munin.keep.store.ApiTokenDao.class).revokeAllOf("u1", 5));
    assertThat(revoked).isEqualTo(1);
  }

  @Test
  void apiToken_keyScopedMachineToken_keepsKeysAndKind() {
    addUser("u1", "alice");
    db().transaction(h -> {
      h.attach(sovereign.munin.keep.store.ApiTokenDao.class).insert(new sovereign.munin.keep.store.ApiTokenRow(
          "t1", "h1", "ci", "user", 1000, 9000L, null, "u1", "p1", "", "release,docs",
          sovereign.munin.keep.store.ApiTokenRow.API));
      h.attach(sovereign.munin.keep.store.ApiTokenDao.class).insert(new sovereign.munin.keep.store.ApiTokenRow(
          "t2", "h2", "keep login", "user", 1000, 9000L, null, "u1", "", "", "",
          sovereign.munin.keep.store.ApiTokenRow.LOGIN));
      return null;
    });
    var scoped = db().read(h -> h.attach(sovereign.munin.keep.store.ApiTokenDao.class).findByHash("h1")).orElseThrow();
    assertThat(scoped.scopeKeys()).isEqualTo("release,docs");
    assertThat(scoped.kind()).isEqualTo("api");
    var login = db().read(h -> h.attach(sovereign.munin.keep.store.ApiTokenDao.class).findByHash("h2")).orElseThrow();
    assertThat(login.scopeKeys()).isEmpty();
    assertThat(login.kind()).isEqualTo("login");
  }

  @Test
  void stateGeneration_movesOnWhenATokenOrUserChanges_notOnAnInsertedToken() {
    addUser("u1", "alice");
    long start = generation();
    db().transaction(h -> {
      h.attach(sovereign.munin.keep.store.ApiTokenDao.class).insert(new sovereign.munin.keep.store.ApiTokenRow(
          "t1", "h1", "ci", "user", 1000, 9000L, null, "u1", "", ""));
      return null;
    });
    assertThat(generation()).isEqualTo(start);
    db().transaction(h -> h.attach(sovereign.munin.keep.store.ApiTokenDao.class).revoke("t1", 2000));
    long afterRevoke = generation();
    assertThat(afterRevoke).isGreaterThan(start);
    db().transaction(h -> h.attach(UserDao.class).setDisabled("u1", 1));
    assertThat(generation()).isGreaterThan(afterRevoke);
  }

  @Test
  void stateGeneration_rolledBackChange_leavesItWhereItWas() {
    addUser("u1", "alice");
    long start = generation();
    assertThatThrownBy(() -> db().transaction(h -> {
      h.attach(UserDao.class).setDisabled("u1", 1);
      throw new IllegalStateException("fails after the change");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(generation()).isEqualTo(start);
  }

  private long generation() {
    return db().read(sovereign.munin.keep.store.StateGenerations::current);
  }

  @Test
  void access_decideWithStaleCount_changesNothing_andGrantsAreTimeBound() {
    addUser("u1", "alice");
    db().transaction(h -> {
      h.attach(ProjectDao.class).insert(new ProjectRow("p1", "payments", 1000));
      h.attach(AccessDao.class).insertRequest(new AccessRequestRow("r1", "user:u1", "p1", "developer", "on call",
          86_400_000L, 1000, 9000, "PENDING", null, null, null, null, null, null, null));
      return null;
    });
    var approved = new AccessRequestRow("r1", "user:u1", "p1", "developer", "on call", 86_400_000L, 1000, 9000,
        "PENDING", "user:o", 2000L, null, null, null, null, null);
    int first = db().transaction(h -> h.attach(AccessDao.class).decide(approved, 0));
    int stale = db().transaction(h -> h.attach(AccessDao.class).decide(approved, 0));
    assertThat(first).isEqualTo(1);
    assertThat(stale).isZero();
    db().transaction(h -> {
      h.attach(AccessDao.class).insertGrant(new AccessGrantRow("r1", "u1", "p1", "developer", 3000, 5000, "user:o",
          "user:s", 3000));
      return null;
    });
    java.util.List<AccessGrantRow> during = db().read(h -> h.attach(AccessDao.class).activeGrants("u1", 4000));
    java.util.List<AccessGrantRow> after = db().read(h -> h.attach(AccessDao.class).activeGrants("u1", 5000));
    assertThat(during).hasSize(1);
    assertThat(after).isEmpty();
    int ended = db().transaction(h -> h.attach(AccessDao.class).end("r1", 3500));
    assertThat(ended).isEqualTo(1);
    java.util.List<AccessGrantRow> revoked = db().read(h -> h.attach(AccessDao.class).activeGrants("u1", 4000));
    assertThat(revoked).isEmpty();
  }

  @Test
  void review_itemDecidedOnce_andLatestRound() {
    access_decideWithStaleCount_changesNothing_andGrantsAreTimeBound();
    db().transaction(h -> {
      ReviewDao dao = h.attach(ReviewDao.class);
      dao.insert(new ReviewRow("v1", 100, 200));
      dao.insertItem(new ReviewItemRow("v1", "r1", "user:u1", "p1", "developer", null, null, null));
      return null;
    });
    int first = db().transaction(h -> h.attach(ReviewDao.class).decide("v1", "r1", "user:o", "RECERTIFIED", 150));
    int second = db().transaction(h -> h.attach(ReviewDao.class).decide("v1", "r1", "user:x", "REVOKED", 160));
    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    java.util.Optional<ReviewRow> latest = db().read(h -> h.attach(ReviewDao.class).latest());
    java.util.List<ReviewRow> open = db().read(h -> h.attach(ReviewDao.class).since(199));
    assertThat(latest).map(ReviewRow::id).contains("v1");
    assertThat(open).hasSize(1);
  }
}
