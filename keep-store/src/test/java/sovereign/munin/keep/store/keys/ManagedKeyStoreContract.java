package sovereign.munin.keep.store.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.StoreException;

/** The managed-key DAO suite, run against every database engine. */
abstract class ManagedKeyStoreContract {

  private Database state;
  private Database keys;

  protected abstract DatabaseUrl stateUrl();

  protected abstract DatabaseUrl keysUrl();

  private Database state() {
    if (state == null) {
      state = Database.open(stateUrl(), Database.Schema.STATE);
    }
    return state;
  }

  private Database keys() {
    if (keys == null) {
      keys = Database.open(keysUrl(), Database.Schema.KEYS);
    }
    return keys;
  }

  @AfterEach
  void closeAll() {
    if (state != null) {
      state.close();
    }
    if (keys != null) {
      keys.close();
    }
  }

  private static ManagedKeyRow key(String id, String name) {
    return new ManagedKeyRow(id, name, "payments", "signing", "ml-dsa-65", "active", 90, 14, 30, 1_000L);
  }

  private static KeyVersionRow version(String keyId, int v, String st) {
    return new KeyVersionRow(keyId, v, st, new byte[] {1, 2, 3}, "abc", 1_000L, 1_000L, null, null, null, null,
        null, null, 0);
  }

  @Test
  void insertKey_thenFind_roundTripsAllFields() {
    state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key("k1", "release"));
      dao.insertVersion(version("k1", 1, "active"));
      return null;
    });
    var found = state().read(h -> h.attach(ManagedKeyDao.class).findKey("release")).orElseThrow();
    assertThat(found).isEqualTo(key("k1", "release"));
    var versions = state().read(h -> h.attach(ManagedKeyDao.class).versions("k1"));
    assertThat(versions).hasSize(1);
    assertThat(versions.get(0).publicKey()).containsExactly(1, 2, 3);
    assertThat(versions.get(0).overlapUntil()).isNull();
  }

  @Test
  void stateGeneration_movesOnForVersionStateChanges_butNotForAUseCount() {
    state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key("k1", "release"));
      dao.insertVersion(version("k1", 1, "active"));
      return null;
    });
    long before = generation();
    state().transaction(h -> h.attach(ManagedKeyDao.class).countUse("k1", 1));
    assertThat(generation()).isEqualTo(before);
    state().transaction(h -> {
      h.attach(ManagedKeyDao.class).updateVersion(version("k1", 1, "compromised"));
      return null;
    });
    long afterRevoke = generation();
    assertThat(afterRevoke).isGreaterThan(before);
    state().transaction(h -> {
      h.attach(ManagedKeyDao.class).insertVersion(version("k1", 2, "active"));
      return null;
    });
    assertThat(generation()).isGreaterThan(afterRevoke);
  }

  private long generation() {
    return state().read(sovereign.munin.keep.store.StateGenerations::current);
  }

  @Test
  void insertKey_duplicateName_isRefusedAndChangesNothing() {
    state().transaction(h -> {
      h.attach(ManagedKeyDao.class).insertKey(key("k1", "release"));
      return null;
    });
    assertThatThrownBy(() -> state().transaction(h -> {
      h.attach(ManagedKeyDao.class).insertKey(key("k2", "release"));
      return null;
    })).isInstanceOf(StoreException.class);
    java.util.List<ManagedKeyRow> all = state().read(h -> h.attach(ManagedKeyDao.class).keys());
    assertThat(all).hasSize(1);
  }

  @Test
  void updateVersion_compromise_keepsTimeAndReasonAndCountsUses() {
    state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key("k1", "release"));
      dao.insertVersion(version("k1", 1, "active"));
      dao.updateVersion(new KeyVersionRow("k1", 1, "compromised", null, null, 0, 1_000L, null, null, null, null,
          5_000L, "laptop stolen", 0));
      dao.countUse("k1", 1);
      dao.countUse("k1", 1);
      dao.insertSignature("ff00", "k1", 1, 4_000L);
      dao.insertSignature("ff00", "k1", 1, 6_000L);
      dao.insertSignature("ff00", "k1", 1, 6_000L);
      dao.insertSignature("ee11", "k1", 1, 5_000L);
      dao.settleBefore("k1", 1, 5_000L);
      return null;
    });
    KeyVersionRow v = state().read(h -> h.attach(ManagedKeyDao.class).versions("k1")).get(0);
    assertThat(v.state()).isEqualTo("compromised");
    assertThat(v.compromisedAt()).isEqualTo(5_000L);
    assertThat(v.compromiseReason()).isEqualTo("laptop stolen");
    assertThat(v.useCount()).isEqualTo(2);
    assertThat(v.publicKey()).containsExactly(1, 2, 3);
    java.util.Optional<Long> same = state().read(h -> h.attach(ManagedKeyDao.class).signedAt("ff00", "k1", 1));
    java.util.Optional<Long> other = state().read(h -> h.attach(ManagedKeyDao.class).signedAt("ff00", "k1", 2));
    assertThat(same).contains(4_000L);
    assertThat(other).isEmpty();
    assertThat(signedAt("ee11")).isEmpty();
    assertThat(signaturesBefore(5_000L)).containsExactly("ff00");
  }

  @Test
  void settleBefore_onlyAfterCompromise_andAgainWithAnEarlierTime() {
    state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key("k1", "release"));
      dao.insertVersion(version("k1", 1, "active"));
      dao.insertSignature("aa01", "k1", 1, 1_000L);
      dao.insertSignature("aa02", "k1", 1, 2_000L);
      dao.insertSignature("aa03", "k1", 1, 3_000L);
      return null;
    });
    // The log alone answers no lookup: until a compromise nothing needs a signing time.
    assertThat(signedAt("aa01")).isEmpty();
    int settled = state().transaction(h -> h.attach(ManagedKeyDao.class).settleBefore("k1", 1, 2_500L));
    assertThat(settled).isEqualTo(2);
    assertThat(signaturesBefore(Long.MAX_VALUE)).containsExactly("aa01", "aa02");
    int forgotten = state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      int n = dao.forgetSettled("k1", 1);
      dao.settleBefore("k1", 1, 1_500L);
      return n;
    });
    assertThat(forgotten).isEqualTo(2);
    assertThat(signedAt("aa01")).contains(1_000L);
    assertThat(signedAt("aa02")).isEmpty();
  }

  @Test
  void migrationV8_logsEverySignature_andKeepsByHashOnlyThoseBeforeACompromise() throws Exception {
    DatabaseUrl url = stateUrl();
    String engine = url.kind() == DatabaseUrl.Kind.SQLITE ? "sqlite" : "postgresql";
    Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/state/" + engine).table("keep_schema_history").target("7").load().migrate();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement st = c.createStatement()) {
      st.execute("INSERT INTO managed_key (id, name, project, purpose, key_type, status, rotation_days, "
          + "publish_days, overlap_days, created_at) VALUES ('k1', 'release', 'p', 'signing', 'ed25519', 'active', "
          + "90, 14, 30, 0)");
      st.execute("INSERT INTO managed_key_version (key_id, version, state, created_at, compromised_at) VALUES "
          + "('k1', 1, 'compromised', 0, 5000), ('k1', 2, 'active', 0, NULL)");
      st.execute("INSERT INTO managed_key_signature (signature_hash, key_id, version, signed_at) VALUES "
          + "('before', 'k1', 1, 4000), ('after', 'k1', 1, 6000), ('active', 'k1', 2, 7000)");
    }
    assertThat(signedAt("before")).contains(4_000L);
    assertThat(signedAt("after")).isEmpty();
    int logged = state().read(h -> h.createQuery("SELECT COUNT(*) FROM managed_key_signature_log")
        .mapTo(Integer.class).one());
    assertThat(logged).isEqualTo(3);
    // A later revocation of version 2 finds its signature in the log.
    int settled = state().transaction(h -> h.attach(ManagedKeyDao.class).settleBefore("k1", 2, 8_000L));
    assertThat(settled).isEqualTo(1);
  }

  private java.util.Optional<Long> signedAt(String hash) {
    return state().read(h -> h.attach(ManagedKeyDao.class).signedAt(hash, "k1", 1));
  }

  private java.util.List<String> signaturesBefore(long before) {
    return state().read(h -> h.attach(ManagedKeyDao.class).signaturesBefore("k1", 1, before));
  }

  @Test
  void material_destroyAll_wipesBytesAndKeepsRow() {
    keys().transaction(h -> {
      var dao = h.attach(KeyMaterialDao.class);
      dao.insert("k1", 1, new byte[] {9}, new byte[] {8}, 1_000L);
      dao.insert("k1", 2, new byte[] {7}, new byte[] {6}, 2_000L);
      return null;
    });
    assertThat(keys().read(h -> h.attach(KeyMaterialDao.class).find("k1", 2)).orElseThrow().sealedPrivate())
        .containsExactly(6);
    int wiped = keys().transaction(h -> h.attach(KeyMaterialDao.class).destroyAll("k1", 3_000L));
    assertThat(wiped).isEqualTo(2);
    var row = keys().read(h -> h.attach(KeyMaterialDao.class).find("k1", 1)).orElseThrow();
    assertThat(row.wrappedDataKey()).isNull();
    assertThat(row.sealedPrivate()).isNull();
    assertThat(row.destroyedAt()).isEqualTo(3_000L);
  }
}
