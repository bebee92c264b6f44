package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.testkit.NobleMlDsa;

/**
 * Peer check: ML-DSA-65 signatures made here (the JDK's, and Bouncy Castle's for contexts and digests) verify with
 * {@code @noble/post-quantum@0.7.1} on Node. Needs node and npm (and the npm registry the first time); without them
 * the test is skipped on a developer machine and fails under CI=true.
 */
class MlDsaNobleIT {
    private static final int RAW_PUBLIC_KEY_BYTES = 1952;

    private static byte[] raw(KeyPair keys) {
        byte[] spki = keys.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - RAW_PUBLIC_KEY_BYTES, spki.length);
    }

    @Test
    void verify_jdkMlDsa65Signature_acceptedByNobleAndCorruptionRejected() throws Exception {
        KeyPair keys = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        byte[] message = "munin keep checkpoint 42".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Signatures.signer(SignatureAlgorithm.ML_DSA_65, keys).sign(message);
        byte[] corrupted = signature.clone();
        corrupted[100] ^= 0x01;
        byte[] otherMessage = "munin keep checkpoint 43".getBytes(StandardCharsets.UTF_8);

        List<String> lines = NobleMlDsa.verify(List.of(
                new NobleMlDsa.Case("valid", raw(keys), message, signature, null),
                new NobleMlDsa.Case("corrupted", raw(keys), message, corrupted, null),
                new NobleMlDsa.Case("other-message", raw(keys), otherMessage, signature, null)));

        assertThat(signature).hasSize(3309);
        assertThat(lines).containsExactly("valid true", "corrupted false", "other-message false");
    }

    @Test
    void contextAndDigestSignatures_areOrdinaryMlDsaSignatures_forNoble() throws Exception {
        KeyPair keys = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        Signer signer = Signatures.signer(SignatureAlgorithm.ML_DSA_65, keys);
        byte[] message = "release 2.4.1 of the keep bundle".getBytes(StandardCharsets.UTF_8);
        byte[] context = "munin-release".getBytes(StandardCharsets.UTF_8);
        byte[] withContext = signer.sign(message, context);
        // The digest a client computes from the public key, the context and the message (FIPS 204 mu).
        var digester = Prehash.digester(SignatureAlgorithm.ML_DSA_65, keys.getPublic(), context);
        digester.update(message, 0, message.length);
        byte[] fromDigest = signer.signDigest(digester.digest());
        byte[] pub = raw(keys);

        List<String> lines = NobleMlDsa.verify(List.of(
                new NobleMlDsa.Case("context", pub, message, withContext, context),
                new NobleMlDsa.Case("context-missing", pub, message, withContext, null),
                new NobleMlDsa.Case("context-other", pub, message, withContext,
                        "munin-other".getBytes(StandardCharsets.UTF_8)),
                new NobleMlDsa.Case("digest", pub, message, fromDigest, context),
                new NobleMlDsa.Case("digest-no-context", pub, message, fromDigest, null)));

        assertThat(lines).containsExactly("context true", "context-missing false", "context-other false",
                "digest true", "digest-no-context false");
    }
}
