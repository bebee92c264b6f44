package sovereign.munin.keep.app.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/**
 * A ciphertext made at backup time under each encryption key's active version, exactly as {@code keep key encrypt}
 * makes one, carried in the backup. The restore drill and the restore itself decrypt it with the backed-up material
 * and the key identity the restore will give the key: a backup whose restore would leave earlier ciphertexts
 * undecryptable fails its drill instead of saying OK.
 */
final class RestoreProbe {

  private static final byte[] TEXT = "munin keep restore probe v1".getBytes(StandardCharsets.UTF_8);

  private RestoreProbe() {}

  /** The probe for key {@code keyId}'s version {@code v}; {@code material} is the opened AES key when symmetric. */
  static Map<String, Object> make(String keyId, KeyType type, KeyVersionRow v, SecretBytes material) {
    byte[] aad = KeyCiphertext.aad(keyId, v.version());
    try {
      byte[] body = type == KeyType.AES_256_GCM ? Aead.seal(material, TEXT, aad)
          : HybridEncryption.encrypt(HybridPublicKey.parse(v.publicKey()), TEXT, aad);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("ciphertext", Base64.getEncoder().encodeToString(new KeyCiphertext(v.version(), body).encode()));
      return m;
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "backup-failed", "the restore probe of a key could not "
          + "be made: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts the probe of backup entry {@code key} as a restore that gives the key the identity {@code keyId}
   * would; true when it decrypts, false when the entry has no probe. Throws {@code backup-probe-failed} otherwise.
   */
  static boolean check(JsonNode key, String keyId) {
    JsonNode probe = key.path("probe");
    if (!probe.isObject()) {
      return false;
    }
    String name = key.path("name").asText();
    KeyType type = KeyType.fromId(key.path("type").asText());
    KeyCiphertext c = KeyCiphertext.parse(Base64.getDecoder().decode(probe.path("ciphertext").asText()));
    JsonNode version = null;
    for (JsonNode v : key.path("versions")) {
      if (v.path("version").asInt() == c.version()) {
        version = v;
      }
    }
    if (version == null || !version.path("material").isTextual()) {
      throw failed(name, "the backup has no material for version " + c.version());
    }
    byte[] raw = Base64.getDecoder().decode(version.path("material").asText());
    byte[] publicKey = version.path("publicKey").isTextual()
        ? Base64.getDecoder().decode(version.path("publicKey").asText()) : null;
    byte[] aad = KeyCiphertext.aad(keyId, c.version());
    UnwrappedKey opened = KeyMaterial.usable(type, publicKey, SecretBytes.copyOf(raw));
    try {
      byte[] plain = opened instanceof UnwrappedKey.Symmetric s ? Aead.open(s.key(), c.body(), aad)
          : HybridEncryption.decrypt(((UnwrappedKey.Hybrid) opened).key(), c.body(), aad);
      if (!MessageDigest.isEqual(plain, TEXT)) {
        throw failed(name, "the probe decrypted to something else");
      }
      return true;
    } catch (KeepCryptoException e) {
      throw failed(name, "data encrypted before the backup would not decrypt after a restore");
    } finally {
      opened.wipe();
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static KeepException failed(String key, String why) {
    return KeepException.badInput("backup-probe-failed", "key '" + key + "': " + why);
  }
}
