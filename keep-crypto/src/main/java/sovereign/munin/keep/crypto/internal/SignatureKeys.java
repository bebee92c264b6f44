package sovereign.munin.keep.crypto.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.AsymmetricKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SignatureAlgorithm;

/** Decides which accepted algorithm a key belongs to, and refuses weak or foreign keys with the reason. */
public final class SignatureKeys {
    /** Beyond this an RSA key only costs verification time; nobody issues such keys. */
    static final int MAX_RSA_BITS = 16384;

    private static final ECParameterSpec P384 = curve("secp384r1");

    private SignatureKeys() {}

    /** The algorithm of a public or private key, or an exception that says why the key is not accepted. */
    public static SignatureAlgorithm algorithmOf(Key key) throws KeepCryptoException {
        return switch (key) {
            case RSAKey rsa -> rsaAlgorithm(rsa.getModulus());
            case ECKey ec -> {
                requireP384(ec.getParams());
                yield SignatureAlgorithm.ECDSA_P384;
            }
            case AsymmetricKey k when k.getParams() instanceof NamedParameterSpec named -> namedAlgorithm(named.getName());
            default -> throw new KeepCryptoException("unsupported signature key type " + key.getAlgorithm()
                    + "; accepted: " + SignatureAlgorithm.acceptedIds());
        };
    }

    /** Checks that {@code key} is good for {@code expected}; RSA keys larger than the minimum pass. */
    public static void requireMatches(SignatureAlgorithm expected, Key key) throws KeepCryptoException {
        SignatureAlgorithm actual = algorithmOf(key);
        boolean biggerRsa = expected == SignatureAlgorithm.RSA_3072 && actual == SignatureAlgorithm.RSA_4096;
        if (actual != expected && !biggerRsa) {
            throw new KeepCryptoException("key is " + actual.id() + " but " + expected.id() + " was expected");
        }
    }

    private static SignatureAlgorithm namedAlgorithm(String name) throws KeepCryptoException {
        return switch (name) {
            case "ML-DSA-65" -> SignatureAlgorithm.ML_DSA_65;
            case "ML-DSA-87" -> SignatureAlgorithm.ML_DSA_87;
            case "Ed25519" -> SignatureAlgorithm.ED25519;
            case "ML-DSA-44" -> throw new KeepCryptoException(
                    "ML-DSA-44 keys are refused as too weak: use ML-DSA-65 or ML-DSA-87");
            default -> throw new KeepCryptoException("unsupported signature key type " + name
                    + "; accepted: " + SignatureAlgorithm.acceptedIds());
        };
    }

    private static SignatureAlgorithm rsaAlgorithm(BigInteger modulus) throws KeepCryptoException {
        int bits = modulus.bitLength();
        if (bits < 3072) {
            throw new KeepCryptoException("RSA key of " + bits + " bits is refused as too weak: at least 3072 bits required");
        }
        if (bits > MAX_RSA_BITS) {
            throw new KeepCryptoException("RSA key of " + bits + " bits is refused: at most " + MAX_RSA_BITS + " bits");
        }
        return bits >= 4096 ? SignatureAlgorithm.RSA_4096 : SignatureAlgorithm.RSA_3072;
    }

    private static void requireP384(ECParameterSpec params) throws KeepCryptoException {
        boolean p384 = params != null
                && params.getCurve().equals(P384.getCurve())
                && params.getGenerator().equals(P384.getGenerator())
                && params.getOrder().equals(P384.getOrder())
                && params.getCofactor() == P384.getCofactor();
        if (!p384) {
            throw new KeepCryptoException("EC key on curve " + curveName(params)
                    + " is refused: only P-384 (secp384r1) is accepted" + (isWeak(params) ? " (too weak)" : ""));
        }
    }

    private static boolean isWeak(ECParameterSpec params) {
        return params != null && params.getOrder().bitLength() < 384;
    }

    private static String curveName(ECParameterSpec params) {
        if (params == null) {
            return "(unknown)";
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC", Jca.provider(Jca.SUN_EC));
            ap.init(params);
            return ap.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            return "(unnamed, " + params.getOrder().bitLength() + "-bit order)";
        }
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC", Jca.provider(Jca.SUN_EC));
            ap.init(new ECGenParameterSpec(name));
            return ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC lacks curve " + name, e);
        }
    }
}
