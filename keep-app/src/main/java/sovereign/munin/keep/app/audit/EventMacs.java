package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.store.Database;

/**
 * The server's MAC over each audit entry, so that only the server makes events: HMAC-SHA-256 of the entry under a
 * key derived (HKDF-SHA-256) from the log's Ed25519 signing key, which only the root key opens. The key lives in
 * memory while unsealed and is derived again at each unseal; every node of an instance derives the same one.
 * While sealed there is no key: events get no MAC, and the sequencer integrates them only inside an
 * authenticated wrapper that says so (ADR 0021).
 */
public final class EventMacs {

  private static final byte[] SALT = "munin-keep audit event mac v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN = "munin-keep/audit-event/v1\0".getBytes(StandardCharsets.US_ASCII);

  private record Held(long epoch, byte[] key) {}

  private final Database keys;
  private final SealState seal;
  private final String instanceId;
  private final byte[] fixed;
  private volatile Held held;

  public EventMacs(Database keys, SealState seal, String instanceId) {
    this.keys = keys;
    this.seal = seal;
    this.instanceId = instanceId;
    this.fixed = null;
  }

  private EventMacs(String instanceId, byte[] fixed) {
    this.keys = null;
    this.seal = null;
    this.instanceId = instanceId;
    this.fixed = fixed;
  }

  /** MACs under the key derived now from {@code root}; for init, which holds the root key before any seal state. */
  public static EventMacs withRoot(String instanceId, sovereign.munin.keep.app.seal.RootKey root, Database keys) {
    EventMacs m = new EventMacs(instanceId, null);
    return new EventMacs(instanceId, m.derive(LogKeys.macSeed(instanceId, root, keys)));
  }

  /** The MAC of {@code entry}, or null while sealed. */
  public byte[] mac(byte[] entry) {
    byte[] key = key();
    return key == null ? null : entryMac(key, entry);
  }

  /**
   * True when {@code mac} is the server's MAC of {@code entry} (constant-time compare); needs the instance
   * unsealed.
   */
  public boolean matches(byte[] entry, byte[] mac) {
    byte[] key = key();
    if (key == null) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "sealed", "audit MACs are checked only while unsealed");
    }
    return mac != null && MessageDigest.isEqual(entryMac(key, entry), mac);
  }

  private byte[] key() {
    if (fixed != null) {
      return fixed;
    }
    if (seal.isSealed()) {
      return null;
    }
    long epoch = seal.epoch();
    Held h = held;
    if (h != null && h.epoch() == epoch) {
      return h.key();
    }
    try {
      byte[] derived = seal.withRootKey(root -> derive(LogKeys.macSeed(instanceId, root, keys)));
      held = new Held(epoch, derived);
      return derived;
    } catch (KeepException e) {
      if (seal.isSealed()) {
        return null; // sealed between the check and the use
      }
      throw e;
    }
  }

  // HKDF-SHA-256 (RFC 5869) with one output block: PRK = HMAC(salt, seed); OKM = HMAC(PRK, info || 0x01).
  private byte[] derive(byte[] seed) {
    try {
      byte[] prk = hmac(SALT, seed);
      byte[] info = ("audit-event-mac|" + instanceId).getBytes(StandardCharsets.UTF_8);
      byte[] t = Arrays.copyOf(info, info.length + 1);
      t[info.length] = 1;
      byte[] okm = hmac(prk, t);
      Arrays.fill(prk, (byte) 0);
      return okm;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  // HMAC-SHA-256(key, "munin-keep/audit-event/v1" || 0x00 || entry)
  private static byte[] entryMac(byte[] key, byte[] entry) {
    byte[] data = Arrays.copyOf(DOMAIN, DOMAIN.length + entry.length);
    System.arraycopy(entry, 0, data, DOMAIN.length, entry.length);
    return hmac(key, data);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is missing from the JDK", e);
    }
  }
}
