package sovereign.munin.keep.crypto;

import java.security.AsymmetricKey;
import java.security.Key;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Der;
import sovereign.munin.keep.crypto.internal.KeyDecoding;

/**
 * A {@link HybridEncryption} recipient's public key: an ML-KEM-768 key and an X25519 key.
 *
 * <p>Encoding (DER): {@code SEQUENCE { version INTEGER (1), mlKem768 SubjectPublicKeyInfo, x25519
 * SubjectPublicKeyInfo }}, in PEM under the label {@value #PEM_LABEL}. It is not itself an SPKI, which is why
 * this type is not a JCA {@code PublicKey}: {@link Pem#publicKey} would otherwise label it "PUBLIC KEY".
 * Its key id is the lowercase hex SHA-256 of that encoding.
 */
public final class HybridPublicKey {
    public static final String PEM_LABEL = "MUNIN KEEP HYBRID PUBLIC KEY";
    static final int VERSION = 1;

    private final PublicKey mlKem;
    private final PublicKey x25519;
    private final byte[] encoded;

    private HybridPublicKey(PublicKey mlKem, PublicKey x25519) {
        this.mlKem = mlKem;
        this.x25519 = x25519;
        this.encoded = Der.sequence(Der.smallInteger(VERSION), mlKem.getEncoded(), x25519.getEncoded());
    }

    /** Pairs an ML-KEM-768 and an X25519 public key; refuses other parameter sets. */
    public static HybridPublicKey of(PublicKey mlKem768, PublicKey x25519) throws KeepCryptoException {
        requireNamed(Objects.requireNonNull(mlKem768, "mlKem768"), "ML-KEM-768");
        requireNamed(Objects.requireNonNull(x25519, "x25519"), "X25519");
        return new HybridPublicKey(mlKem768, x25519);
    }

    public static HybridPublicKey parse(byte[] der) throws KeepCryptoException {
        Objects.requireNonNull(der, "der");
        if (der.length > KeyDecoding.MAX_KEY_BYTES) {
            throw new KeepCryptoException("hybrid public key is too large: " + der.length + " bytes");
        }
        List<byte[]> parts;
        try {
            parts = Der.sequenceElements(der);
            if (parts.size() != 3 || Der.smallInteger(parts.get(0)) != VERSION) {
                throw new KeepCryptoException("expected SEQUENCE { 1, SPKI, SPKI }");
            }
        } catch (KeepCryptoException e) {
            throw new KeepCryptoException("malformed hybrid public key: " + e.getMessage(), e);
        }
        HybridPublicKey key = of(KeyDecoding.publicKey(parts.get(1)), KeyDecoding.publicKey(parts.get(2)));
        // Only one encoding per key, so that key ids are stable.
        if (!Arrays.equals(key.encoded, der)) {
            throw new KeepCryptoException("hybrid public key is not canonically encoded");
        }
        return key;
    }

    public static HybridPublicKey fromPem(String pem) throws KeepCryptoException {
        return parse(Pem.decode(PEM_LABEL, pem));
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public String toPem() {
        return Pem.encode(PEM_LABEL, encoded);
    }

    /** Lowercase hex SHA-256 of {@link #encoded()}. */
    public String keyId() {
        return KeyId.ofSpki(encoded);
    }

    public PublicKey mlKemKey() {
        return mlKem;
    }

    public PublicKey x25519Key() {
        return x25519;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridPublicKey other && Arrays.equals(other.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "HybridPublicKey[ML-KEM-768+X25519, " + keyId() + "]";
    }

    static void requireNamed(Key key, String name) throws KeepCryptoException {
        String actual = key instanceof AsymmetricKey k && k.getParams() instanceof NamedParameterSpec named
                ? named.getName()
                : key.getAlgorithm();
        if (!name.equalsIgnoreCase(actual)) {
            throw new KeepCryptoException("expected an " + name + " key, got " + actual);
        }
    }
}
