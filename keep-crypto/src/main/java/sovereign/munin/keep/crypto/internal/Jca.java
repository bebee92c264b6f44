package sovereign.munin.keep.crypto.internal;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;
import javax.crypto.NoSuchPaddingException;
import sovereign.munin.keep.crypto.KeepCryptoException;

/**
 * The one place where this module chooses JCA providers: the JDK's own, named explicitly.
 *
 * <p>Naming them means a provider added at position 1 by some other library cannot silently take over our
 * primitives. Callers with a key in another provider (an HSM) pass that provider in explicitly.
 */
public final class Jca {
    public static final String SUN = "SUN";
    public static final String SUN_EC = "SunEC";
    public static final String SUN_JCE = "SunJCE";
    public static final String SUN_RSA_SIGN = "SunRsaSign";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Jca() {}

    /** The module's default randomness, for operations whose callers pass none (nonces, ephemeral keys). */
    public static SecureRandom random() {
        return RANDOM;
    }

    public static Provider provider(String name) throws KeepCryptoException {
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new KeepCryptoException("JCA provider " + name + " is not installed in this JDK");
        }
        return p;
    }

    /** The JDK provider that implements signatures and key types of the given JCA key family. */
    public static Provider forKeyFamily(String family) throws KeepCryptoException {
        return switch (family) {
            case "ML-DSA" -> provider(SUN);
            case "EdDSA", "Ed25519", "EC", "XDH", "X25519" -> provider(SUN_EC);
            case "RSA", "RSASSA-PSS" -> provider(SUN_RSA_SIGN);
            case "ML-KEM" -> provider(SUN_JCE);
            default -> throw new KeepCryptoException("no JDK provider chosen for key family " + family);
        };
    }

    public static Signature signature(String algorithm, Provider provider) throws KeepCryptoException {
        try {
            return Signature.getInstance(algorithm, provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("signature " + algorithm, provider, e);
        }
    }

    public static KeyPairGenerator keyPairGenerator(String algorithm, String family) throws KeepCryptoException {
        Provider provider = forKeyFamily(family);
        try {
            return KeyPairGenerator.getInstance(algorithm, provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("key pair generator " + algorithm, provider, e);
        }
    }

    public static KeyFactory keyFactory(String family) throws KeepCryptoException {
        Provider provider = forKeyFamily(family);
        try {
            return KeyFactory.getInstance(family, provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("key factory " + family, provider, e);
        }
    }

    public static Cipher aesGcm() throws KeepCryptoException {
        Provider provider = provider(SUN_JCE);
        try {
            return Cipher.getInstance("AES/GCM/NoPadding", provider);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw missing("cipher AES/GCM/NoPadding", provider, e);
        }
    }

    public static KEM mlKem() throws KeepCryptoException {
        Provider provider = provider(SUN_JCE);
        try {
            return KEM.getInstance("ML-KEM", provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("KEM ML-KEM", provider, e);
        }
    }

    public static KeyAgreement x25519() throws KeepCryptoException {
        Provider provider = provider(SUN_EC);
        try {
            return KeyAgreement.getInstance("X25519", provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("key agreement X25519", provider, e);
        }
    }

    public static KDF hkdfSha256() throws KeepCryptoException {
        Provider provider = provider(SUN_JCE);
        try {
            return KDF.getInstance("HKDF-SHA256", provider);
        } catch (NoSuchAlgorithmException e) {
            throw missing("KDF HKDF-SHA256", provider, e);
        }
    }

    public static CertificateFactory x509Certificates() throws KeepCryptoException {
        Provider provider = provider(SUN);
        try {
            return CertificateFactory.getInstance("X.509", provider);
        } catch (CertificateException e) {
            throw missing("X.509 certificate factory", provider, e);
        }
    }

    /** SHA-256 from SUN; every JDK must have it, so its absence is a broken runtime, not an input error. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256", provider(SUN));
        } catch (NoSuchAlgorithmException | KeepCryptoException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK's SUN provider", e);
        }
    }

    /** A SHA-2 digest ({@code SHA-256}, {@code SHA-384}) from SUN; its absence is a broken runtime. */
    public static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name, provider(SUN));
        } catch (NoSuchAlgorithmException | KeepCryptoException e) {
            throw new IllegalStateException(name + " is missing from the JDK's SUN provider", e);
        }
    }

    private static KeepCryptoException missing(String what, Provider provider, Exception cause) {
        return new KeepCryptoException(provider.getName() + " does not offer " + what, cause);
    }
}
