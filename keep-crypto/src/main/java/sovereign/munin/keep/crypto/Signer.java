package sovereign.munin.keep.crypto;

import java.security.PublicKey;

/** Signs messages; the guarantee: output verifies under publicKey() with algorithm(). */
public interface Signer {
    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /** {@link KeyId} of {@link #publicKey()}. */
    String keyId();

    byte[] sign(byte[] message) throws KeepCryptoException;
}
