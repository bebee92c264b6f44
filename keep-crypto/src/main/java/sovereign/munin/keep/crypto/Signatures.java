package sovereign.munin.keep.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Jca;
import sovereign.munin.keep.crypto.internal.JcaSigner;
import sovereign.munin.keep.crypto.internal.JcaVerifier;
import sovereign.munin.keep.crypto.internal.KeyDecoding;
import sovereign.munin.keep.crypto.internal.SignatureKeys;

/** Builds signers and verifiers; every signer signs and verifies a test message before it is handed out. */
public final class Signatures {
    private static final byte[] SELF_TEST_MESSAGE =
            "munin-keep signer self-test".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {}

    public static KeyPair generate(SignatureAlgorithm alg, SecureRandom rng) throws KeepCryptoException {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(rng, "rng");
        KeyPairGenerator generator = Jca.keyPairGenerator(alg.keyFamily(), alg.keyFamily());
        AlgorithmParameterSpec spec = switch (alg) {
            case ML_DSA_65 -> NamedParameterSpec.ML_DSA_65;
            case ML_DSA_87 -> NamedParameterSpec.ML_DSA_87;
            case ED25519 -> NamedParameterSpec.ED25519;
            case ECDSA_P384 -> new ECGenParameterSpec("secp384r1");
            case RSA_3072, RSA_4096 -> new RSAKeyGenParameterSpec(alg.keyBits(), RSAKeyGenParameterSpec.F4);
        };
        try {
            generator.initialize(spec, rng);
        } catch (InvalidAlgorithmParameterException e) {
            throw new KeepCryptoException("cannot generate " + alg.id() + " keys: " + e.getMessage(), e);
        }
        return generator.generateKeyPair();
    }

    /** A signer for a key pair whose private key the JDK can use. */
    public static Signer signer(SignatureAlgorithm alg, KeyPair keyPair) throws KeepCryptoException {
        Objects.requireNonNull(alg, "alg");
        return signer(alg, keyPair, Jca.forKeyFamily(alg.keyFamily()));
    }

    /** A signer whose private key lives in {@code provider}, e.g. a PKCS#11 token; verification stays in the JDK. */
    public static Signer signer(SignatureAlgorithm alg, KeyPair keyPair, Provider provider) throws KeepCryptoException {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(provider, "provider");
        PublicKey publicKey = Objects.requireNonNull(keyPair.getPublic(), "keyPair has no public key");
        PrivateKey privateKey = Objects.requireNonNull(keyPair.getPrivate(), "keyPair has no private key");
        Verifier verifier = verifier(alg, publicKey);
        Signer signer = new JcaSigner(alg, privateKey, publicKey, verifier.keyId(), provider);
        byte[] signature;
        try {
            signature = signer.sign(SELF_TEST_MESSAGE);
        } catch (KeepCryptoException e) {
            throw new KeepCryptoException("signer self-test failed for " + alg.id() + ": " + e.getMessage(), e);
        }
        if (!verifier.verify(SELF_TEST_MESSAGE, signature)) {
            throw new KeepCryptoException("signer self-test failed for " + alg.id()
                    + ": the private key does not match the public key " + verifier.keyId());
        }
        return signer;
    }

    public static Verifier verifier(SignatureAlgorithm alg, PublicKey publicKey) throws KeepCryptoException {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(publicKey, "publicKey");
        SignatureKeys.requireMatches(alg, publicKey);
        return new JcaVerifier(alg, publicKey, KeyId.of(publicKey));
    }

    public static SignatureAlgorithm algorithmOf(PublicKey key) throws KeepCryptoException {
        return SignatureKeys.algorithmOf(Objects.requireNonNull(key, "key"));
    }

    /** Parses a PKCS#8 private key and checks that it is a key for {@code alg}. */
    public static PrivateKey parsePrivateKey(SignatureAlgorithm alg, byte[] pkcs8) throws KeepCryptoException {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(pkcs8, "pkcs8");
        PrivateKey key = KeyDecoding.privateKey(pkcs8);
        SignatureKeys.requireMatches(alg, key);
        return key;
    }

    /** Parses an SPKI public key and checks that it is an accepted signature key. */
    public static PublicKey parsePublicKey(byte[] spkiDer) throws KeepCryptoException {
        Objects.requireNonNull(spkiDer, "spkiDer");
        PublicKey key = KeyDecoding.publicKey(spkiDer);
        SignatureKeys.algorithmOf(key);
        return key;
    }
}
