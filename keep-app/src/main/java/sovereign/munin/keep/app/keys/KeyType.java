package sovereign.munin.keep.app.keys;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.SignatureAlgorithm;

/** The key types a managed key may have, each at a NIST-recommended strength. */
public enum KeyType {
  ML_DSA_65("ml-dsa-65", SignatureAlgorithm.ML_DSA_65),
  ML_DSA_87("ml-dsa-87", SignatureAlgorithm.ML_DSA_87),
  ED25519("ed25519", SignatureAlgorithm.ED25519),
  ECDSA_P384("ecdsa-p384", SignatureAlgorithm.ECDSA_P384),
  RSA_3072("rsa-3072", SignatureAlgorithm.RSA_3072),
  RSA_4096("rsa-4096", SignatureAlgorithm.RSA_4096),
  AES_256_GCM("aes-256-gcm", null),
  ML_KEM_768_X25519("ml-kem-768-x25519", null),
  /** A 256-bit secret for HMAC-SHA-256 message authentication codes (RFC 2104). */
  HMAC_SHA256("hmac-sha256", null);

  /** The default for new signing keys: post-quantum ML-DSA-65. */
  public static final KeyType DEFAULT = ML_DSA_65;

  // Ids people will try: they get "too weak" rather than "unknown", so they know what to pick instead.
  private static final Set<String> TOO_WEAK = Set.of("ml-dsa-44", "ecdsa-p256", "ecdsa-p224", "ecdsa-p192",
      "rsa-512", "rsa-1024", "rsa-1536", "rsa-2048", "dsa", "aes-128-gcm", "aes-192-gcm", "aes-128", "ml-kem-512",
      "x25519", "des", "3des", "hmac-sha1", "hmac-md5");

  private final String id;
  private final SignatureAlgorithm signature;

  KeyType(String id, SignatureAlgorithm signature) {
    this.id = id;
    this.signature = signature;
  }

  public String id() {
    return id;
  }

  /** True for signature keys. */
  public boolean signs() {
    return signature != null;
  }

  /** True for MAC keys (HMAC). */
  public boolean macs() {
    return this == HMAC_SHA256;
  }

  /** True for encryption keys (AES-256-GCM, hybrid ML-KEM). */
  public boolean encrypts() {
    return !signs() && !macs();
  }

  /** True for keys with no public half: the secret is the whole key. */
  public boolean symmetric() {
    return this == AES_256_GCM || this == HMAC_SHA256;
  }

  /** The signature algorithm; only for {@link #signs()} types. */
  public SignatureAlgorithm signatureAlgorithm() {
    if (signature == null) {
      throw new IllegalStateException(id + " is not a signature key type");
    }
    return signature;
  }

  /** The purpose a key of this type serves unless told otherwise. */
  public String defaultPurpose() {
    return signs() ? "signing" : macs() ? "mac" : "encryption";
  }

  public static KeyType fromId(String id) {
    String wanted = id == null ? "" : id.strip().toLowerCase(java.util.Locale.ROOT);
    for (KeyType t : values()) {
      if (t.id.equals(wanted)) {
        return t;
      }
    }
    if (TOO_WEAK.contains(wanted)) {
      throw KeepException.badInput("key-type-too-weak", "key type '" + wanted + "' is refused as too weak; "
          + "accepted: " + acceptedIds());
    }
    throw KeepException.badInput("key-type-unknown", "unknown key type '" + id + "'; accepted: " + acceptedIds());
  }

  public static String acceptedIds() {
    return Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", "));
  }
}
