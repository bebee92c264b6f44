package sovereign.munin.keep.app.keys;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small LRU cache of opened key versions, so a sign does not unwrap under the root key each time; emptied as
 * soon as the seal epoch changes (seal or unseal), and per key on destruction.
 */
final class KeyCache {

  private final int capacity;
  private final Map<String, UnwrappedKey> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long epoch = Long.MIN_VALUE;

  KeyCache(int capacity) {
    this.capacity = capacity;
  }

  synchronized UnwrappedKey get(String keyId, int version, long sealEpoch, Supplier<UnwrappedKey> open) {
    if (sealEpoch != epoch) {
      clear();
      epoch = sealEpoch;
    }
    String k = keyId + "#" + version;
    UnwrappedKey hit = entries.get(k);
    if (hit != null) {
      return hit;
    }
    UnwrappedKey opened = open.get();
    entries.put(k, opened);
    if (entries.size() > capacity) {
      Iterator<Map.Entry<String, UnwrappedKey>> eldest = entries.entrySet().iterator();
      eldest.next().getValue().wipe();
      eldest.remove();
    }
    return opened;
  }

  synchronized void evict(String keyId) {
    entries.entrySet().removeIf(e -> {
      boolean drop = e.getKey().startsWith(keyId + "#");
      if (drop) {
        e.getValue().wipe();
      }
      return drop;
    });
  }

  synchronized void clear() {
    entries.values().forEach(UnwrappedKey::wipe);
    entries.clear();
  }

  synchronized int size() {
    return entries.size();
  }
}
