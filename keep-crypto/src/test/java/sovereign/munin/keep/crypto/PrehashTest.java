package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrehashTest {

    private static final byte[] MESSAGE = "a file too large to send whole".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ML_DSA_65", "ML_DSA_87", "ECDSA_P384", "RSA_3072"})
    void aDigestSignature_verifiesOverTheMessage_withTheOrdinaryVerifier(SignatureAlgorithm alg) throws Exception {
        KeyPair keys = Signatures.generate(alg, new SecureRandom());
        Signer signer = Signatures.signer(alg, keys);
        Verifier verifier = Signatures.verifier(alg, keys.getPublic());
        byte[] digest = digest(alg, keys, null, MESSAGE);

        byte[] signature = signer.signDigest(digest);

        assertThat(verifier.verify(MESSAGE, signature)).isTrue();
        assertThat(verifier.verifyDigest(digest, signature)).isTrue();
        byte[] other = digest(alg, keys, null, "another file".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verifyDigest(other, signature)).isFalse();
        assertThat(verifier.verify("another file".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(digest).hasSize(Prehash.digestLength(alg));
    }

    @Test
    void aDigestOfTheWrongLength_isRefused_andEd25519SignsNoDigest() throws Exception {
        KeyPair p384 = Signatures.generate(SignatureAlgorithm.ECDSA_P384, new SecureRandom());
        Signer signer = Signatures.signer(SignatureAlgorithm.ECDSA_P384, p384);
        assertThatThrownBy(() -> signer.signDigest(new byte[32])).isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("48-byte digest");
        KeyPair ed = Signatures.generate(SignatureAlgorithm.ED25519, new SecureRandom());
        Signer edSigner = Signatures.signer(SignatureAlgorithm.ED25519, ed);
        assertThatThrownBy(() -> edSigner.signDigest(new byte[64])).isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("pure EdDSA");
        assertThat(Signatures.verifier(SignatureAlgorithm.ED25519, ed.getPublic())
                .verifyDigest(new byte[64], new byte[64])).isFalse();
    }

    @Test
    void anMlDsaContext_bindsTheSignature_toThatContext() throws Exception {
        KeyPair keys = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        Signer signer = Signatures.signer(SignatureAlgorithm.ML_DSA_65, keys);
        Verifier verifier = Signatures.verifier(SignatureAlgorithm.ML_DSA_65, keys.getPublic());
        byte[] ctx = "munin-release".getBytes(StandardCharsets.UTF_8);

        byte[] signature = signer.sign(MESSAGE, ctx);

        assertThat(verifier.verify(MESSAGE, ctx, signature)).isTrue();
        assertThat(verifier.verify(MESSAGE, signature)).isFalse();
        assertThat(verifier.verify(MESSAGE, "munin-other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        // A digest made under the context signs the same thing.
        byte[] fromDigest = signer.signDigest(digest(SignatureAlgorithm.ML_DSA_65, keys, ctx, MESSAGE));
        assertThat(verifier.verify(MESSAGE, ctx, fromDigest)).isTrue();
        // An empty context is the ordinary signature.
        assertThat(verifier.verify(MESSAGE, signer.sign(MESSAGE, new byte[0]))).isTrue();
    }

    @Test
    void contexts_areRefusedWhereTheyDoNotApply_andOverLength() throws Exception {
        KeyPair p384 = Signatures.generate(SignatureAlgorithm.ECDSA_P384, new SecureRandom());
        Signer ecdsa = Signatures.signer(SignatureAlgorithm.ECDSA_P384, p384);
        assertThatThrownBy(() -> ecdsa.sign(MESSAGE, new byte[] {1})).isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("takes no context");
        KeyPair ml = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        Signer mlSigner = Signatures.signer(SignatureAlgorithm.ML_DSA_65, ml);
        assertThatThrownBy(() -> mlSigner.sign(MESSAGE, new byte[256])).isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("at most 255 bytes");
        assertThat(mlSigner.sign(MESSAGE, new byte[255])).isNotEmpty();
    }

    private static byte[] digest(SignatureAlgorithm alg, KeyPair keys, byte[] ctx, byte[] message) throws Exception {
        Prehash.Digester d = Prehash.digester(alg, keys.getPublic(), ctx);
        // Fed in pieces, as a stream would be.
        d.update(message, 0, 5);
        d.update(message, 5, message.length - 5);
        return d.digest();
    }
}
