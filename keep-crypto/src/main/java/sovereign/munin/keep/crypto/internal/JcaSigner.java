package sovereign.munin.keep.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Prehash;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signer;

/** A {@link Signer} over a JCA {@code Signature}; build it through {@code Signatures.signer}, which self-tests it. */
public final class JcaSigner implements Signer {
    private static final int MAX_READY = 64;

    private final SignatureAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Provider provider;
    // Signatures initialised for this key and ready to sign again (sign() returns one to its initialised state);
    // each is used by one thread at a time. Spares initSign and the provider lookup on every call.
    private final Queue<Signature> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();

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
        Signature s = ready.poll();
        if (s == null) {
            s = fresh();
        } else {
            readyCount.decrementAndGet();
        }
        byte[] signature;
        try {
            s.update(message);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            // A failed instance may be left half-way; it is not put back.
            throw new KeepCryptoException(algorithm.id() + " signing failed: " + e.getMessage(), e);
        }
        if (readyCount.incrementAndGet() <= MAX_READY) {
            ready.offer(s);
        } else {
            readyCount.decrementAndGet();
        }
        return signature;
    }

    @Override
    public byte[] signDigest(byte[] digest) throws KeepCryptoException {
        return Prehash.signDigest(algorithm, privateKey, digest);
    }

    @Override
    public byte[] sign(byte[] message, byte[] context) throws KeepCryptoException {
        Objects.requireNonNull(message, "message");
        if (context == null || context.length == 0) {
            return sign(message);
        }
        return Prehash.signWithContext(algorithm, privateKey, message, context);
    }

    private Signature fresh() throws KeepCryptoException {
        Signature s = Jca.signature(algorithm.jcaSignature(), provider);
        try {
            if (algorithm.signatureParameters() != null) {
                s.setParameter(algorithm.signatureParameters());
            }
            s.initSign(privateKey, Jca.random());
            return s;
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException(algorithm.id() + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + algorithm.id() + ", " + keyId + "]";
    }
}
