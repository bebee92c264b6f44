package sovereign.munin.keep.crypto;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Der;
import sovereign.munin.keep.crypto.internal.KeyDecoding;

/**
 * A {@link HybridEncryption} recipient's private key: ML-KEM-768 and X25519 private keys plus their public key.
 *
 * <p>Encoding (DER): {@code SEQUENCE { version INTEGER (1), mlKem768 PrivateKeyInfo (PKCS#8), x25519
 * PrivateKeyInfo (PKCS#8), publicKey HybridPublicKey }}, in PEM under the label {@value #PEM_LABEL}. The public
 * key travels along because decryption binds it into the key derivation and ML-KEM private keys cannot be
 * turned back into public ones through the JCA. Every construction checks that the halves belong together.
 */
public final class HybridPrivateKey {
    public static final String PEM_LABEL = "MUNIN KEEP HYBRID PRIVATE KEY";

    private final PrivateKey mlKem;
    private final PrivateKey x25519;
    private final HybridPublicKey publicKey;

    private HybridPrivateKey(PrivateKey mlKem, PrivateKey x25519, HybridPublicKey publicKey) {
        this.mlKem = mlKem;
        this.x25519 = x25519;
        this.publicKey = publicKey;
    }

    /** Builds the key after checking, by a test encapsulation and agreement, that both halves match {@code publicKey}. */
    public static HybridPrivateKey of(HybridPublicKey publicKey, PrivateKey mlKem768, PrivateKey x25519)
            throws KeepCryptoException {
        Objects.requireNonNull(publicKey, "publicKey");
        HybridPublicKey.requireNamed(Objects.requireNonNull(mlKem768, "mlKem768"), "ML-KEM-768");
        HybridPublicKey.requireNamed(Objects.requireNonNull(x25519, "x25519"), "X25519");
        HybridEncryption.requireConsistent(publicKey, mlKem768, x25519);
        return new HybridPrivateKey(mlKem768, x25519, publicKey);
    }

    public static HybridPrivateKey parse(SecretBytes der) throws KeepCryptoException {
        Objects.requireNonNull(der, "der");
        byte[] bytes = der.copyBytes();
        List<byte[]> parts = List.of();
        try {
            parts = Der.sequenceElements(bytes);
            if (parts.size() != 4 || Der.smallInteger(parts.get(0)) != HybridPublicKey.VERSION) {
                throw new KeepCryptoException("expected SEQUENCE { 1, PKCS#8, PKCS#8, hybrid public key }");
            }
        } catch (KeepCryptoException e) {
            wipe(bytes, parts);
            throw new KeepCryptoException("malformed hybrid private key: " + e.getMessage(), e);
        }
        try {
            return of(HybridPublicKey.parse(parts.get(3)), KeyDecoding.privateKey(parts.get(1)),
                    KeyDecoding.privateKey(parts.get(2)));
        } finally {
            wipe(bytes, parts);
        }
    }

    /** Parses the PEM form, given as ASCII bytes so that it can be wiped. */
    public static HybridPrivateKey fromPem(byte[] pem) throws KeepCryptoException {
        try (SecretBytes der = Pem.decodeSecret(PEM_LABEL, pem)) {
            return parse(der);
        }
    }

    /** The DER encoding; the caller closes it. Fails for halves that cannot leave their provider. */
    public SecretBytes encoded() throws KeepCryptoException {
        byte[] mlKemDer = pkcs8(mlKem);
        byte[] x25519Der = pkcs8(x25519);
        try {
            return SecretBytes.adopt(Der.sequence(Der.smallInteger(HybridPublicKey.VERSION), mlKemDer, x25519Der,
                    publicKey.encoded()));
        } finally {
            Arrays.fill(mlKemDer, (byte) 0);
            Arrays.fill(x25519Der, (byte) 0);
        }
    }

    /** The PEM form as ASCII bytes; the caller closes it. */
    public SecretBytes toPem() throws KeepCryptoException {
        try (SecretBytes der = encoded()) {
            return Pem.encodeSecret(PEM_LABEL, der);
        }
    }

    public HybridPublicKey publicKey() {
        return publicKey;
    }

    PrivateKey mlKemKey() {
        return mlKem;
    }

    PrivateKey x25519Key() {
        return x25519;
    }

    @Override
    public String toString() {
        return "HybridPrivateKey[for " + publicKey.keyId() + ", redacted]";
    }

    private static byte[] pkcs8(PrivateKey key) throws KeepCryptoException {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new KeepCryptoException(key.getAlgorithm() + " private key is not extractable as PKCS#8");
        }
        return der;
    }

    private static void wipe(byte[] bytes, List<byte[]> parts) {
        Arrays.fill(bytes, (byte) 0);
        parts.forEach(p -> Arrays.fill(p, (byte) 0));
    }
}
