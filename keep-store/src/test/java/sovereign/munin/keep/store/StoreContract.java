package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One DAO suite run against every database engine Munin Keep supports. */
abstract class StoreContract {

  private Database state;
  private Database keys;

  protected abstract DatabaseUrl stateUrl();

  protected abstract DatabaseUrl keysUrl();

  protected Database state() {
    if (state == null) {
      state = Database.open(stateUrl(), Database.Schema.STATE);
    }
    return state;
  }

  protected Database keys() {
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

  @Test
  void open_freshDatabase_migratesAndAnswersPing() {
    assertThat(state().ping()).isTrue();
    assertThat(keys().ping()).isTrue();
  }

  @Test
  void open_secondTime_keepsData() {
    state().transaction(h -> {
      h.attach(InstanceMetaDao.class).insert("instance_id", "abc");
      return null;
    });
    state.close();
    state = Database.open(stateUrl(), Database.Schema.STATE);
    java.util.Optional<String> id = state().read(h -> h.attach(InstanceMetaDao.class).find("instance_id"));
    assertThat(id).contains("abc");
  }

  @Test
  void instanceMeta_all_returnsEveryFact() {
    state().transaction(h -> {
      var dao = h.attach(InstanceMetaDao.class);
      dao.insert("instance_id", "abc");
      dao.insert("mode", "dev");
      return null;
    });
    java.util.Map<String, String> all = state().read(h -> h.attach(InstanceMetaDao.class).all());
    assertThat(all).containsEntry("instance_id", "abc").containsEntry("mode", "dev").hasSize(2);
  }

  @Test
  void apiToken_insertThenFindByHash_roundTrips() {
    var row = new ApiTokenRow("tok1", "h".repeat(64), "dev admin", "admin", 1000L, 5000L, null);
    state().transaction(h -> {
      h.attach(ApiTokenDao.class).insert(row);
      return null;
    });
    var found = state().read(h -> h.attach(ApiTokenDao.class).findByHash("h".repeat(64))).orElseThrow();
    assertThat(found).isEqualTo(row);
    assertThat(found.usableAt(4999)).isTrue();
    assertThat(found.usableAt(5000)).isFalse();
    java.util.Optional<ApiTokenRow> missing = state().read(h -> h.attach(ApiTokenDao.class).findByHash("x".repeat(64)));
    assertThat(missing).isEmpty();
  }

  @Test
  void apiToken_revoke_makesTokenUnusable() {
    var row = new ApiTokenRow("tok1", "a".repeat(64), "ci", "admin", 1000L, null, null);
    state().transaction(h -> {
      h.attach(ApiTokenDao.class).insert(row);
      return null;
    });
    int changed = state().transaction(h -> h.attach(ApiTokenDao.class).revoke("tok1", 2000L));
    assertThat(changed).isEqualTo(1);
    var found = state().read(h -> h.attach(ApiTokenDao.class).findByHash("a".repeat(64))).orElseThrow();
    assertThat(found.revokedAt()).isEqualTo(2000L);
    assertThat(found.usableAt(1500)).isFalse();
  }

  @Test
  void transaction_duplicateTokenHash_isConflictAndRollsBack() {
    var first = new ApiTokenRow("tok1", "b".repeat(64), "one", "admin", 1L, null, null);
    var clash = new ApiTokenRow("tok2", "b".repeat(64), "two", "admin", 2L, null, null);
    var other = new ApiTokenRow("tok3", "c".repeat(64), "three", "admin", 3L, null, null);
    state().transaction(h -> {
      h.attach(ApiTokenDao.class).insert(first);
      return null;
    });
    assertThatThrownBy(() -> state().transaction(h -> {
      h.attach(ApiTokenDao.class).insert(other);
      h.attach(ApiTokenDao.class).insert(clash);
      return null;
    })).isInstanceOf(StoreException.Conflict.class);
    java.util.List<ApiTokenRow> rows = state().read(h -> h.attach(ApiTokenDao.class).list());
    assertThat(rows).extracting(ApiTokenRow::id)
        .containsExactly("tok1");
  }

  @Test
  void sealConfig_insertThenFind_roundTripsBytes() {
    byte[] check = {1, 2, 3, 0, (byte) 0xff};
    keys().transaction(h -> {
      h.attach(SealConfigDao.class).insert(new SealConfigRow("shamir", "inst", 5, 3, check, 42L));
      return null;
    });
    var found = keys().read(h -> h.attach(SealConfigDao.class).find()).orElseThrow();
    assertThat(found.kind()).isEqualTo("shamir");
    assertThat(found.shares()).isEqualTo(5);
    assertThat(found.threshold()).isEqualTo(3);
    assertThat(found.keyCheck()).containsExactly(check);
  }

  @Test
  void sealConfig_secondRow_isRefused() {
    var row = new SealConfigRow("dev", "inst", 1, 1, new byte[] {9}, 1L);
    keys().transaction(h -> {
      h.attach(SealConfigDao.class).insert(row);
      return null;
    });
    assertThatThrownBy(() -> keys().transaction(h -> {
      h.attach(SealConfigDao.class).insert(row);
      return null;
    })).isInstanceOf(StoreException.Conflict.class);
  }

  @Test
  void stateAndKeys_areSeparateDatabases() {
    int inKeys = keys().read(h -> h.createQuery("SELECT COUNT(*) FROM seal_config").mapTo(Integer.class).one());
    assertThat(inKeys).isZero();
    assertThatThrownBy(() -> state().read(h -> h.createQuery(
        "SELECT COUNT(*) FROM seal_config").mapTo(Integer.class).one())).isInstanceOf(RuntimeException.class);
  }
}
