package sovereign.munin.keep.store.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
