package sovereign.munin.keep.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithContext;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import sovereign.munin.keep.crypto.internal.Jca;

/**
 * Signatures over a digest the caller computed, and ML-DSA signatures with a context string. Every signature made
 * here is an ordinary signature of its algorithm: it verifies over the original message (and context) with any
 * standard verifier. ECDSA P-384 signs a SHA-384 digest, RSA-PSS a SHA-256 digest (the hash its PSS parameters
 * name), ML-DSA the message representative mu of FIPS 204 (computed from the public key, the context and the
 * message). Ed25519 is pure EdDSA: it must see the whole message and signs no digest.
 */
public final class Prehash {

    /** FIPS 204: a context string is at most 255 bytes. */
    public static final int MAX_CONTEXT = 255;

    private Prehash() {}

    /** The digest length {@code alg} signs, or throws for an algorithm that signs no digest. */
    public static int digestLength(SignatureAlgorithm alg) throws KeepCryptoException {
        return switch (alg) {
            case ECDSA_P384 -> 48;
            case RSA_3072, RSA_4096 -> 32;
            case ML_DSA_65, ML_DSA_87 -> 64;
            case ED25519 -> throw new KeepCryptoException("ed25519 is pure EdDSA and signs whole messages, not "
                    + "digests; send the message, or use an ml-dsa, ecdsa or rsa key");
        };
    }

    /** What the digest is, in words, for help texts and errors. */
    public static String digestName(SignatureAlgorithm alg) {
        return switch (alg) {
            case ECDSA_P384 -> "SHA-384 of the message";
            case RSA_3072, RSA_4096 -> "SHA-256 of the message";
            case ML_DSA_65, ML_DSA_87 -> "ML-DSA mu: SHAKE256(SHAKE256(public key, 64) || 0x00 || len(context) || "
                    + "context || message, 64)";
            case ED25519 -> "none (ed25519 signs whole messages)";
        };
    }

    /** True when {@code alg} takes a context string (ML-DSA). */
    public static boolean takesContext(SignatureAlgorithm alg) {
        return alg == SignatureAlgorithm.ML_DSA_65 || alg == SignatureAlgorithm.ML_DSA_87;
    }

    /** A streaming digester that gives the bytes {@link #signDigest} takes for {@code key} and {@code context}. */
    public static Digester digester(SignatureAlgorithm alg, PublicKey key, byte[] context) throws KeepCryptoException {
        digestLength(alg);
        checkContext(alg, context);
        return switch (alg) {
            case ECDSA_P384 -> new Jdk(Jca.digest("SHA-384"));
            case RSA_3072, RSA_4096 -> new Jdk(Jca.digest("SHA-256"));
            default -> {
                MLDSASigner mu = new MLDSASigner();
                mu.init(false, withContext(publicParams(key), context));
                yield new Digester() {
                    @Override
                    public void update(byte[] b, int off, int len) {
                        mu.update(b, off, len);
                    }

                    @Override
                    public byte[] digest() throws KeepCryptoException {
                        try {
                            return mu.generateMu();
                        } catch (CryptoException e) {
                            throw new KeepCryptoException("cannot compute ML-DSA mu: " + e.getMessage(), e);
                        }
                    }
                };
            }
        };
    }

    /** Signs {@code digest} (see {@link #digestLength}) with {@code key}. */
    public static byte[] signDigest(SignatureAlgorithm alg, PrivateKey key, byte[] digest) throws KeepCryptoException {
        checkDigest(alg, digest);
        try {
            return switch (alg) {
                case ECDSA_P384 -> {
                    Signature s = Jca.signature("NONEwithECDSA", Jca.forKeyFamily("EC"));
                    s.initSign(key, Jca.random());
                    s.update(digest);
                    yield s.sign();
                }
                case RSA_3072, RSA_4096 -> {
                    PSSSigner s = rawPss();
                    s.init(true, new ParametersWithRandom(privateParams(key), Jca.random()));
                    s.update(digest, 0, digest.length);
                    yield s.generateSignature();
                }
                default -> {
                    MLDSASigner s = new MLDSASigner();
                    s.init(true, new ParametersWithRandom(privateParams(key), Jca.random()));
                    yield s.generateMuSignature(digest);
                }
            };
        } catch (GeneralSecurityException | CryptoException | RuntimeException e) {
            throw new KeepCryptoException(alg.id() + " digest signing failed: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} is {@code key}'s signature over {@code digest}; never throws. */
    public static boolean verifyDigest(SignatureAlgorithm alg, PublicKey key, byte[] digest, byte[] signature) {
        try {
            checkDigest(alg, digest);
            return switch (alg) {
                case ECDSA_P384 -> {
                    Signature s = Jca.signature("NONEwithECDSA", Jca.forKeyFamily("EC"));
                    s.initVerify(key);
                    s.update(digest);
                    yield s.verify(signature);
                }
                case RSA_3072, RSA_4096 -> {
                    PSSSigner s = rawPss();
                    s.init(false, publicParams(key));
                    s.update(digest, 0, digest.length);
                    yield s.verifySignature(signature);
                }
                default -> {
                    MLDSASigner s = new MLDSASigner();
                    s.init(false, publicParams(key));
                    yield s.verifyMuSignature(digest, signature);
                }
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** An ML-DSA signature over {@code message} under {@code context} (FIPS 204 ML-DSA.Sign with ctx). */
    public static byte[] signWithContext(SignatureAlgorithm alg, PrivateKey key, byte[] message, byte[] context)
            throws KeepCryptoException {
        checkContext(alg, context);
        try {
            MLDSASigner s = new MLDSASigner();
            s.init(true, withContext(new ParametersWithRandom(privateParams(key), Jca.random()), context));
            s.update(message, 0, message.length);
            return s.generateSignature();
        } catch (CryptoException | RuntimeException e) {
            throw new KeepCryptoException(alg.id() + " signing failed: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} is {@code key}'s ML-DSA signature over {@code message} under {@code context}. */
    public static boolean verifyWithContext(SignatureAlgorithm alg, PublicKey key, byte[] message, byte[] context,
            byte[] signature) {
        try {
            checkContext(alg, context);
            MLDSASigner s = new MLDSASigner();
            s.init(false, withContext(publicParams(key), context));
            s.update(message, 0, message.length);
            return s.verifySignature(signature);
        } catch (KeepCryptoException | RuntimeException e) {
            return false;
        }
    }

    /** Refuses a context for an algorithm that takes none, or one longer than 255 bytes. */
    public static void checkContext(SignatureAlgorithm alg, byte[] context) throws KeepCryptoException {
        if (context == null || context.length == 0) {
            return;
        }
        if (!takesContext(alg)) {
            throw new KeepCryptoException(alg.id() + " takes no context string; only ml-dsa keys do");
        }
        if (context.length > MAX_CONTEXT) {
            throw new KeepCryptoException("a context string is at most " + MAX_CONTEXT + " bytes (FIPS 204); this one "
                    + "has " + context.length);
        }
    }

    private static void checkDigest(SignatureAlgorithm alg, byte[] digest) throws KeepCryptoException {
        int n = digestLength(alg);
        if (digest == null || digest.length != n) {
            throw new KeepCryptoException(alg.id() + " signs a " + n + "-byte digest (" + digestName(alg) + "); got "
                    + (digest == null ? "none" : digest.length + " bytes"));
        }
    }

    private static CipherParameters withContext(CipherParameters p, byte[] context) {
        return context == null || context.length == 0 ? p : new ParametersWithContext(p, context);
    }

    // RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, as SignatureAlgorithm names; the input is the hash.
    private static PSSSigner rawPss() {
        return PSSSigner.createRawSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), 32,
                PSSSigner.TRAILER_IMPLICIT);
    }

    private static AsymmetricKeyParameter privateParams(PrivateKey key) throws KeepCryptoException {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null) {
            throw new KeepCryptoException("this private key cannot be read out to sign digests or with a context");
        }
        try {
            return PrivateKeyFactory.createKey(pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new KeepCryptoException("cannot read the private key: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static AsymmetricKeyParameter publicParams(PublicKey key) throws KeepCryptoException {
        try {
            AsymmetricKeyParameter p = PublicKeyFactory.createKey(key.getEncoded());
            if (key.getAlgorithm().startsWith("ML-DSA") && !(p instanceof MLDSAPublicKeyParameters)) {
                throw new KeepCryptoException("not an ML-DSA public key");
            }
            return p;
        } catch (IOException | RuntimeException e) {
            throw new KeepCryptoException("cannot read the public key: " + e.getMessage(), e);
        }
    }

    /** Computes a digest incrementally, for inputs too large to hold. */
    public interface Digester {
        void update(byte[] b, int off, int len);

        byte[] digest() throws KeepCryptoException;
    }

    private record Jdk(MessageDigest md) implements Digester {
        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public byte[] digest() {
            return md.digest();
        }
    }
}
