package sovereign.munin.keep.app.keys;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.RotationPolicy;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;
import sovereign.munin.keep.store.keys.ManagedKeyRow;

/** A managed key with its versions, as read from the state database. */
record StoredKey(ManagedKeyRow key, List<KeyVersionRow> versions) {

  StoredKey {
    versions = List.copyOf(versions);
  }

  static StoredKey load(Database state, String name) {
    return state.read(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      ManagedKeyRow key = dao.findKey(name).orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND,
          "key-not-found", "no key named '" + name + "'"));
      return new StoredKey(key, dao.versions(key.id()));
    });
  }

  static List<StoredKey> all(Database state) {
    return state.read(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      return dao.keys().stream().map(k -> new StoredKey(k, dao.versions(k.id()))).toList();
    });
  }

  KeyType type() {
    return KeyType.fromId(key.keyType());
  }

  RotationPolicy policy() {
    return new RotationPolicy(key.rotationDays(), key.publishDays(), key.overlapDays());
  }

  Optional<KeyVersionRow> inState(VersionState state) {
    return versions.stream().filter(v -> VersionRows.state(v) == state)
        .max(Comparator.comparingInt(KeyVersionRow::version));
  }

  Optional<KeyVersionRow> version(int n) {
    return versions.stream().filter(v -> v.version() == n).findFirst();
  }

  KeyVersionRow requireVersion(int n) {
    return version(n).orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND, "key-version-not-found",
        "key '" + key.name() + "' has no version " + n));
  }

  int nextVersion() {
    return versions.stream().mapToInt(KeyVersionRow::version).max().orElse(0) + 1;
  }

  /** Refuses changes to a key that was archived or destroyed. */
  void requireLive(String doing) {
    if (!key.status().equals("active")) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-" + key.status(), "key '" + key.name() + "' is "
          + key.status() + "; cannot " + doing + " it");
    }
  }
}
