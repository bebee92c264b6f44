package sovereign.munin.keep.crypto;

import java.security.PublicKey;

/** Signs messages; the guarantee: output verifies under publicKey() with algorithm(). */
public interface Signer {
    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /** {@link KeyId} of {@link #publicKey()}. */
    String keyId();

    byte[] sign(byte[] message) throws KeepCryptoException;

    /**
     * Signs a digest the caller computed; the signature verifies over the original message. What the digest is
     * depends on the algorithm ({@link Prehash#digestName}); Ed25519 signs none.
     */
    default byte[] signDigest(byte[] digest) throws KeepCryptoException {
        throw new KeepCryptoException(algorithm().id() + " signing of digests is not available for this key");
    }

    /** Signs {@code message} under an ML-DSA {@code context} string (FIPS 204; at most 255 bytes). */
    default byte[] sign(byte[] message, byte[] context) throws KeepCryptoException {
        if (context == null || context.length == 0) {
            return sign(message);
        }
        throw new KeepCryptoException(algorithm().id() + " signing with a context is not available for this key");
    }
}
