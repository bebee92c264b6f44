package sovereign.munin.keep.crypto;

import java.util.Objects;

/** A {@link HybridEncryption} recipient's key pair. */
public record HybridKeyPair(HybridPublicKey publicKey, HybridPrivateKey privateKey) {
    public HybridKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("private key belongs to another public key");
        }
    }
}
