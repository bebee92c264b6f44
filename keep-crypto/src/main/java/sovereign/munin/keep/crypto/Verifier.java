package sovereign.munin.keep.crypto;

import java.security.PublicKey;

/** Verifies signatures; returns false (never throws) for a wrong or malformed signature. */
public interface Verifier {
    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /** {@link KeyId} of {@link #publicKey()}. */
    String keyId();

    boolean verify(byte[] message, byte[] signature);

    /** True when {@code signature} signs {@code digest} (see {@link Signer#signDigest}); never throws. */
    default boolean verifyDigest(byte[] digest, byte[] signature) {
        return Prehash.verifyDigest(algorithm(), publicKey(), digest, signature);
    }

    /** True when {@code signature} signs {@code message} under the ML-DSA {@code context}; never throws. */
    default boolean verify(byte[] message, byte[] context, byte[] signature) {
        if (context == null || context.length == 0) {
            return verify(message, signature);
        }
        return Prehash.verifyWithContext(algorithm(), publicKey(), message,
                context, signature);
    }
}
