package sovereign.munin.keep.log.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The JDK's Ed25519 (SunEC) and ML-DSA-65 (SUN) through JCA, and the conversion between raw public keys, as notes
 * carry them, and X.509 SubjectPublicKeyInfo, as JCA does.
 */
public final class Jca {

    // Each SPKI is a fixed DER header followed by the raw key: RFC 8410 for Ed25519, RFC 9881 for ML-DSA-65.
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ML_DSA_65_SPKI_PREFIX =
            HexFormat.of().parseHex("308207b2300b0609608648016503040312038207a100");

    private Jca() {}

    /** The raw public key inside an SPKI of the algorithm, or null if the key is of another algorithm. */
    public static byte[] rawPublicKey(String algorithm, PublicKey key) {
        byte[] prefix = spkiPrefix(algorithm);
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length <= prefix.length
                || !Arrays.equals(spki, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        return Arrays.copyOfRange(spki, prefix.length, spki.length);
    }

    /** A JCA public key from its raw bytes. */
    public static PublicKey publicKey(String algorithm, byte[] raw) throws GeneralSecurityException {
        byte[] prefix = spkiPrefix(algorithm);
        byte[] spki = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        String family = algorithm.equals("Ed25519") ? "Ed25519" : "ML-DSA";
        return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(spki));
    }

    public static byte[] sign(String algorithm, PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    /** True only if the signature verifies; a malformed signature or key is simply not valid. */
    public static boolean verify(String algorithm, PublicKey key, byte[] message, byte[] sig) {
        Signature signature;
        try {
            signature = Signature.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // A JDK without the algorithm must not look like a forged signature.
            throw new IllegalStateException(algorithm + " is unavailable in this JDK", e);
        }
        try {
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(sig);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        }
    }

    private static byte[] spkiPrefix(String algorithm) {
        return switch (algorithm) {
            case "Ed25519" -> ED25519_SPKI_PREFIX;
            case "ML-DSA-65" -> ML_DSA_65_SPKI_PREFIX;
            default -> throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        };
    }
}
