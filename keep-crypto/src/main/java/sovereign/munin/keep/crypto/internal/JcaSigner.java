package sovereign.munin.keep.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signer;

/** A {@link Signer} over a JCA {@code Signature}; build it through {@code Signatures.signer}, which self-tests it. */
public final class JcaSigner implements Signer {
    private final SignatureAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Provider provider;

    public JcaSigner(SignatureAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, String keyId,
            Provider provider) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) throws KeepCryptoException {
        Objects.requireNonNull(message, "message");
        // A fresh Signature per call: instances are not thread-safe, and signers are shared.
        Signature s = Jca.signature(algorithm.jcaSignature(), provider);
        try {
            if (algorithm.signatureParameters() != null) {
                s.setParameter(algorithm.signatureParameters());
            }
            s.initSign(privateKey, Jca.random());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException(algorithm.id() + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + algorithm.id() + ", " + keyId + "]";
    }
}
