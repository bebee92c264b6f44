package sovereign.munin.keep.app.keys;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Signatures;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/**
 * A signing key's public keys as a JWK Set (RFC 7517): every version published ahead, in service or whose
 * signatures still verify, none that is revoked; each with its key id ({@code kid}, the SHA-256 of its SPKI) and
 * algorithm. Ed25519 is an OKP key
 * (RFC 8037), P-384 an EC key, RSA an RSA key for PS256 (RFC 7518); ML-DSA is an AKP key as the JOSE ML-DSA draft
 * writes it ({@code pub}: the raw public key).
 */
final class KeyJwks {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private KeyJwks() {}

  static Map<String, Object> of(StoredKey k) {
    if (!k.type().signs()) {
      throw KeepException.badInput("no-jwk", "key '" + k.key().name() + "' is a " + k.type().id() + " key; a JWK "
          + "Set holds signature keys only");
    }
    List<Object> keys = new ArrayList<>();
    for (KeyVersionRow v : k.versions()) {
      VersionState st = VersionRows.state(v);
      // A version published ahead of rotation is in the set, so verifiers learn it before it signs.
      if (v.publicKey() != null && (st.verifies() || st == VersionState.PRE_ACTIVE)) {
        keys.add(jwk(k.type(), v));
      }
    }
    return Map.of("keys", keys);
  }

  private static Map<String, Object> jwk(KeyType type, KeyVersionRow v) {
    PublicKey pk;
    try {
      pk = Signatures.parsePublicKey(v.publicKey());
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "public-key-corrupt", e.getMessage(), e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    switch (type) {
      case ED25519 -> {
        m.put("kty", "OKP");
        m.put("crv", "Ed25519");
        m.put("x", B64URL.encodeToString(tail(v.publicKey(), 32)));
        m.put("alg", "EdDSA");
      }
      case ECDSA_P384 -> {
        ECPublicKey ec = (ECPublicKey) pk;
        m.put("kty", "EC");
        m.put("crv", "P-384");
        m.put("x", B64URL.encodeToString(unsigned(ec.getW().getAffineX(), 48)));
        m.put("y", B64URL.encodeToString(unsigned(ec.getW().getAffineY(), 48)));
        m.put("alg", "ES384");
      }
      case RSA_3072, RSA_4096 -> {
        RSAPublicKey rsa = (RSAPublicKey) pk;
        m.put("kty", "RSA");
        m.put("n", B64URL.encodeToString(unsigned(rsa.getModulus(), (rsa.getModulus().bitLength() + 7) / 8)));
        m.put("e", B64URL.encodeToString(unsigned(rsa.getPublicExponent(),
            (rsa.getPublicExponent().bitLength() + 7) / 8)));
        m.put("alg", "PS256");
      }
      case ML_DSA_65, ML_DSA_87 -> {
        m.put("kty", "AKP");
        m.put("alg", type == KeyType.ML_DSA_65 ? "ML-DSA-65" : "ML-DSA-87");
        m.put("pub", B64URL.encodeToString(tail(v.publicKey(), type == KeyType.ML_DSA_65 ? 1952 : 2592)));
      }
      default -> throw new IllegalStateException("no JWK for " + type);
    }
    m.put("use", "sig");
    m.put("kid", v.publicKeyId());
    return m;
  }

  /** The raw key at the end of an SPKI whose BIT STRING holds it as is (Ed25519, ML-DSA). */
  private static byte[] tail(byte[] spki, int length) {
    return Arrays.copyOfRange(spki, spki.length - length, spki.length);
  }

  /** Big-endian, unsigned, left-padded to {@code length} bytes (RFC 7518 section 6.2.1.2 for EC coordinates). */
  private static byte[] unsigned(BigInteger n, int length) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
