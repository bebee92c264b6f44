package sovereign.munin.keep.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded memory cache whose entries hold only for one value of the {@link StateGeneration} counter: the caller
 * reads the counter first, then asks; a newer counter empties the cache, and a caller that read an older counter
 * than the cache has seen loads afresh without storing (its load may predate the change the newer counter marks).
 * Nothing is stored for a load that fails.
 */
public final class GenerationCache<K, V> {

  private record Snapshot<K, V>(long generation, Map<K, V> entries) {}

  private final int capacity;
  private volatile Snapshot<K, V> snapshot = new Snapshot<>(Long.MIN_VALUE, new ConcurrentHashMap<>());

  public GenerationCache(int capacity) {
    this.capacity = capacity;
  }

  /** The value for {@code key} as of {@code generation}, which the caller read before calling. */
  public V get(long generation, K key, Function<K, V> load) {
    Snapshot<K, V> s = current(generation);
    if (s == null) {
      return load.apply(key);
    }
    V hit = s.entries().get(key);
    if (hit != null) {
      return hit;
    }
    V loaded = load.apply(key);
    if (loaded != null && s.entries().size() < capacity) {
      s.entries().putIfAbsent(key, loaded);
    }
    return loaded;
  }

  /** Drops one entry, for example one that turned out stale by time rather than by a change. */
  public void remove(K key) {
    snapshot.entries().remove(key);
  }

  /** The snapshot for {@code generation}, or null when the caller's counter is older than the cache's. */
  private Snapshot<K, V> current(long generation) {
    Snapshot<K, V> s = snapshot;
    if (s.generation() == generation) {
      return s;
    }
    if (generation < s.generation()) {
      return null;
    }
    synchronized (this) {
      if (snapshot.generation() < generation) {
        snapshot = new Snapshot<>(generation, new ConcurrentHashMap<>());
      }
      return snapshot.generation() == generation ? snapshot : null;
    }
  }
}
