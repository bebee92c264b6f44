package sovereign.munin.keep.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Verifier;

/** A {@link Verifier} over a JDK {@code Signature}; build it through {@code Signatures.verifier}, which checks the key. */
public record JcaVerifier(SignatureAlgorithm algorithm, PublicKey publicKey, String keyId) implements Verifier {
    @Override
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            return false;
        }
        try {
            Signature s = Jca.signature(algorithm.jcaSignature(), Jca.forKeyFamily(algorithm.keyFamily()));
            if (algorithm.signatureParameters() != null) {
                s.setParameter(algorithm.signatureParameters());
            }
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Malformed signatures surface as SignatureException or, in some providers, runtime exceptions;
            // either way the answer is "not a valid signature".
            return false;
        }
    }
}
