package sovereign.munin.keep.crypto;

import java.security.PublicKey;

/** Verifies signatures; returns false (never throws) for a wrong or malformed signature. */
public interface Verifier {
    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /** {@link KeyId} of {@link #publicKey()}. */
    String keyId();

    boolean verify(byte[] message, byte[] signature);
}
