package sovereign.munin.keep.app.keys;

import sovereign.munin.keep.app.GenerationCache;
import sovereign.munin.keep.app.StateGeneration;
import sovereign.munin.keep.store.Database;

/**
 * Key metadata (a key with its versions and their states) for key uses, held in memory while the state database's
 * change counter stands still: any rotation, revocation, archival or destruction, on this node or another, moves the
 * counter, and the next lookup reads the database again. Use counts in these copies are not kept current.
 */
final class KeyDirectory {

  private static final int CAPACITY = 4096;

  private final Database state;
  private final StateGeneration generation;
  private final GenerationCache<String, StoredKey> cache = new GenerationCache<>(CAPACITY);

  KeyDirectory(Database state) {
    this.state = state;
    this.generation = new StateGeneration(state);
  }

  /** The key named {@code name} as committed now; not-found is never cached. */
  StoredKey find(String name) {
    return cache.get(generation.current(), name, n -> StoredKey.load(state, n));
  }
}
