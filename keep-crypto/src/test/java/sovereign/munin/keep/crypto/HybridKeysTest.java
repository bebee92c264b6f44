package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import org.junit.jupiter.api.Test;

class HybridKeysTest {
    private static final SecureRandom RNG = new SecureRandom();

    @Test
    void publicKey_pemRoundTrip_sameKeyAndKeyId() throws Exception {
        HybridPublicKey key = HybridEncryption.generateKeyPair(RNG).publicKey();

        String pem = key.toPem();
        HybridPublicKey parsed = HybridPublicKey.fromPem(pem);

        assertThat(pem).startsWith("-----BEGIN MUNIN KEEP HYBRID PUBLIC KEY-----\n");
        assertThat(parsed).isEqualTo(key);
        assertThat(parsed.keyId()).isEqualTo(key.keyId()).isEqualTo(KeyId.ofSpki(key.encoded()));
        assertThat(key.encoded()).hasSize(4 + 3 + 1206 + 44); // SEQUENCE header, INTEGER 1, two SPKIs
    }

    @Test
    void privateKey_pemRoundTrip_decryptsWhatPublicKeyEncrypted() throws Exception {
        HybridKeyPair pair = HybridEncryption.generateKeyPair(RNG);
        byte[] ciphertext = HybridEncryption.encrypt(pair.publicKey(), "hello".getBytes(StandardCharsets.UTF_8), null);

        HybridPrivateKey parsed;
        try (SecretBytes pem = pair.privateKey().toPem()) {
            byte[] text = pem.copyBytes();
            assertThat(new String(text, StandardCharsets.US_ASCII)).startsWith("-----BEGIN MUNIN KEEP HYBRID PRIVATE KEY-----\n");
            parsed = HybridPrivateKey.fromPem(text);
        }

        assertThat(parsed.publicKey()).isEqualTo(pair.publicKey());
        assertThat(HybridEncryption.decrypt(parsed, ciphertext, null)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(parsed.toString()).doesNotContain("ML-KEM-768 private").contains("redacted");
    }

    @Test
    void privateKeyOf_halvesOfAnotherPair_refused() throws Exception {
        HybridKeyPair a = HybridEncryption.generateKeyPair(RNG);
        HybridKeyPair b = HybridEncryption.generateKeyPair(RNG);

        assertThatThrownBy(() -> HybridPrivateKey.of(a.publicKey(), b.privateKey().mlKemKey(), a.privateKey().x25519Key()))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("does not match its public key");
        assertThatThrownBy(() -> HybridPrivateKey.of(a.publicKey(), a.privateKey().mlKemKey(), b.privateKey().x25519Key()))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("does not match its public key");
        assertThatThrownBy(() -> new HybridKeyPair(a.publicKey(), b.privateKey())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyOf_otherParameterSets_refused() throws Exception {
        KeyPairGenerator kem = KeyPairGenerator.getInstance("ML-KEM");
        kem.initialize(NamedParameterSpec.ML_KEM_1024);
        HybridPublicKey good = HybridEncryption.generateKeyPair(RNG).publicKey();

        assertThatThrownBy(() -> HybridPublicKey.of(kem.generateKeyPair().getPublic(), good.x25519Key()))
                .isInstanceOf(KeepCryptoException.class).hasMessage("expected an ML-KEM-768 key, got ML-KEM-1024");
        assertThatThrownBy(() -> HybridPublicKey.of(good.mlKemKey(), good.mlKemKey()))
                .isInstanceOf(KeepCryptoException.class).hasMessage("expected an X25519 key, got ML-KEM-768");
    }

    @Test
    void publicKeyParse_malformedOrSpkiInstead_refused() throws Exception {
        byte[] plainSpki = HybridEncryption.generateKeyPair(RNG).publicKey().mlKemKey().getEncoded();

        assertThatThrownBy(() -> HybridPublicKey.parse(plainSpki))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith("malformed hybrid public key");
        assertThatThrownBy(() -> HybridPublicKey.fromPem(Pem.publicKey(HybridEncryption.generateKeyPair(RNG).publicKey().x25519Key())))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("expected a PEM block 'MUNIN KEEP HYBRID PUBLIC KEY' but found 'PUBLIC KEY'");
    }
}
