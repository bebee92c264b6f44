package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SignaturesTest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final byte[] MESSAGE = "release 1.4.2 digest".getBytes(StandardCharsets.UTF_8);
    // RSA-4096 generation takes seconds on two cores: make each key pair once for the whole class.
    private static final Map<SignatureAlgorithm, KeyPair> KEYS = new EnumMap<>(SignatureAlgorithm.class);

    private static synchronized KeyPair keys(SignatureAlgorithm alg) throws KeepCryptoException {
        KeyPair kp = KEYS.get(alg);
        if (kp == null) {
            kp = Signatures.generate(alg, RNG);
            KEYS.put(alg, kp);
        }
        return kp;
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void sign_eachAlgorithm_verifiesUnderPublicKey(SignatureAlgorithm alg) throws Exception {
        Signer signer = Signatures.signer(alg, keys(alg));
        Verifier verifier = Signatures.verifier(alg, keys(alg).getPublic());

        byte[] signature = signer.sign(MESSAGE);

        assertThat(verifier.verify(MESSAGE, signature)).isTrue();
        assertThat(signer.algorithm()).isEqualTo(alg);
        assertThat(signer.keyId()).isEqualTo(verifier.keyId()).isEqualTo(KeyId.of(keys(alg).getPublic()));
        assertThat(Signatures.algorithmOf(keys(alg).getPublic())).isEqualTo(alg);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void verify_wrongMessageOrDamagedSignature_falseWithoutThrowing(SignatureAlgorithm alg) throws Exception {
        byte[] signature = Signatures.signer(alg, keys(alg)).sign(MESSAGE);
        Verifier verifier = Signatures.verifier(alg, keys(alg).getPublic());
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        byte[] flipped = signature.clone();
        flipped[signature.length / 2] ^= 0x04;

        assertThat(verifier.verify(otherMessage, signature)).isFalse();
        assertThat(verifier.verify(MESSAGE, flipped)).isFalse();
        assertThat(verifier.verify(MESSAGE, Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(verifier.verify(MESSAGE, new byte[0])).isFalse();
        assertThat(verifier.verify(MESSAGE, null)).isFalse();
    }

    @Test
    void signer_sharedAcrossThreads_everySignatureVerifiesAndMlDsaStaysHedged() throws Exception {
        KeyPair pair = keys(SignatureAlgorithm.ML_DSA_65);
        Signer signer = Signatures.signer(SignatureAlgorithm.ML_DSA_65, pair);
        Verifier verifier = Signatures.verifier(SignatureAlgorithm.ML_DSA_65, pair.getPublic());
        java.util.List<byte[]> signatures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            byte[] message = ("message " + t).getBytes(StandardCharsets.UTF_8);
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5; i++) {
                    try {
                        byte[] sig = signer.sign(message);
                        assertThat(verifier.verify(message, sig)).isTrue();
                        signatures.add(sig);
                    } catch (KeepCryptoException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(signatures).hasSize(20);
        // Reused Signature objects keep their randomness: signing one message twice gives two signatures.
        assertThat(signer.sign(MESSAGE)).isNotEqualTo(signer.sign(MESSAGE));
    }

    @Test
    void signer_privateKeyOfAnotherPair_failsSelfTest() throws Exception {
        KeyPair a = keys(SignatureAlgorithm.ED25519);
        KeyPair b = Signatures.generate(SignatureAlgorithm.ED25519, RNG);

        assertThatThrownBy(() -> Signatures.signer(SignatureAlgorithm.ED25519, new KeyPair(a.getPublic(), b.getPrivate())))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("self-test failed for ed25519: the private key does not match the public key");
    }

    @Test
    void verifier_openSslRsa2048Key_refusedAsTooWeak() throws Exception {
        PublicKey rsa2048 = Pem.parsePublicKey(Fixtures.text("rsa-2048.pub.pem"));

        assertThatThrownBy(() -> Signatures.verifier(SignatureAlgorithm.RSA_3072, rsa2048))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("RSA key of 2048 bits is refused as too weak: at least 3072 bits required");
        assertThatThrownBy(() -> Signatures.algorithmOf(rsa2048)).isInstanceOf(KeepCryptoException.class);
    }

    @Test
    void verifier_openSslP256Key_refusedNamingCurve() throws Exception {
        PublicKey p256 = Pem.parsePublicKey(Fixtures.text("ecdsa-p256.pub.pem"));

        assertThatThrownBy(() -> Signatures.verifier(SignatureAlgorithm.ECDSA_P384, p256))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("EC key on curve secp256r1 is refused: only P-384 (secp384r1) is accepted (too weak)");
    }

    @ParameterizedTest
    @CsvSource({"ED25519, ML_DSA_65, key is ed25519 but ml-dsa-65 was expected",
            "ML_DSA_65, ML_DSA_87, key is ml-dsa-65 but ml-dsa-87 was expected",
            "RSA_3072, RSA_4096, key is rsa-3072 but rsa-4096 was expected"})
    void verifier_keyOfOtherAlgorithm_refused(SignatureAlgorithm keyAlg, SignatureAlgorithm asked, String message) {
        assertThatThrownBy(() -> Signatures.verifier(asked, keys(keyAlg).getPublic()))
                .isInstanceOf(KeepCryptoException.class).hasMessage(message);
    }

    @Test
    void verifier_rsa4096KeyForRsa3072_acceptedAsStronger() throws Exception {
        Verifier verifier = Signatures.verifier(SignatureAlgorithm.RSA_3072, keys(SignatureAlgorithm.RSA_4096).getPublic());
        byte[] signature = Signatures.signer(SignatureAlgorithm.RSA_4096, keys(SignatureAlgorithm.RSA_4096)).sign(MESSAGE);

        assertThat(verifier.verify(MESSAGE, signature)).isTrue(); // same PSS parameters for both
    }

    @Test
    void algorithmOf_mlDsa44Key_refusedAsTooWeak() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("ML-DSA");
        g.initialize(NamedParameterSpec.ML_DSA_44);

        assertThatThrownBy(() -> Signatures.algorithmOf(g.generateKeyPair().getPublic()))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("ML-DSA-44 keys are refused as too weak");
    }

    @CsvSource({"ed25519.pub.pem, ed25519.sig, ED25519", "ecdsa-p384.pub.pem, ecdsa-p384.sig, ECDSA_P384",
            "rsa-3072.pub.pem, rsa-3072.sig, RSA_3072"})
    @ParameterizedTest
    void verify_signatureMadeByOpenSsl_acceptedAndFlipRejected(String keyFile, String sigFile, SignatureAlgorithm alg)
            throws Exception {
        PublicKey key = Signatures.parsePublicKey(Pem.decode(Pem.PUBLIC_KEY, Fixtures.text(keyFile)));
        Verifier verifier = Signatures.verifier(alg, key);
        byte[] message = Fixtures.bytes("msg.txt");
        byte[] signature = Fixtures.bytes(sigFile);
        byte[] flipped = signature.clone();
        flipped[flipped.length - 3] ^= 0x10;

        assertThat(verifier.verify(message, signature)).isTrue();
        assertThat(verifier.verify(message, flipped)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void parsePrivateKey_pkcs8OfGeneratedKey_signsForItsPublicKey(SignatureAlgorithm alg) throws Exception {
        KeyPair kp = keys(alg);
        var parsed = Signatures.parsePrivateKey(alg, kp.getPrivate().getEncoded());
        var publicKey = Signatures.parsePublicKey(kp.getPublic().getEncoded());

        Signer signer = Signatures.signer(alg, new KeyPair(publicKey, parsed)); // self-test proves they match
        assertThat(signer.keyId()).isEqualTo(KeyId.of(kp.getPublic()));
    }

    @Test
    void parsePrivateKey_otherAlgorithmOrGarbage_refused() throws Exception {
        byte[] mlDsa87 = keys(SignatureAlgorithm.ML_DSA_87).getPrivate().getEncoded();

        assertThatThrownBy(() -> Signatures.parsePrivateKey(SignatureAlgorithm.ML_DSA_65, mlDsa87))
                .isInstanceOf(KeepCryptoException.class).hasMessage("key is ml-dsa-87 but ml-dsa-65 was expected");
        assertThatThrownBy(() -> Signatures.parsePrivateKey(SignatureAlgorithm.ML_DSA_65, new byte[] {0x30, 0x03, 1, 2, 3}))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith("malformed PKCS#8 PrivateKeyInfo");
    }

    @Test
    void parsePublicKey_x25519Key_refusedAsNoSignatureKey() throws Exception {
        byte[] x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> Signatures.parsePublicKey(x25519))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith("unsupported signature key type X25519");
    }

    @Test
    void generate_mlDsa65_spkiEndsWithRaw1952ByteKey() throws Exception {
        byte[] spki = keys(SignatureAlgorithm.ML_DSA_65).getPublic().getEncoded();

        assertThat(spki).hasSize(22 + 1952); // the layout MlDsaNobleIT relies on
    }
}
