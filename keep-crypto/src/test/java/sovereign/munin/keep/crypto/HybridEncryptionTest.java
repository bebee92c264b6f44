package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sovereign.munin.keep.crypto.internal.X25519;

class HybridEncryptionTest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final byte[] PLAINTEXT = "backup of key version 3".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "recipient:custodian-2".getBytes(StandardCharsets.UTF_8);
    private static final String FAILED = "hybrid decryption failed";
    private static final HybridKeyPair ALICE = generate();
    private static final HybridKeyPair BOB = generate();

    private static HybridKeyPair generate() {
        try {
            return HybridEncryption.generateKeyPair(RNG);
        } catch (KeepCryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decrypt_ownCiphertext_returnsPlaintext() throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);

        assertThat(HybridEncryption.decrypt(ALICE.privateKey(), ciphertext, AAD)).isEqualTo(PLAINTEXT);
        byte[] empty = HybridEncryption.encrypt(ALICE.publicKey(), new byte[0], null);
        assertThat(HybridEncryption.decrypt(ALICE.privateKey(), empty, new byte[0])).isEmpty();
    }

    @Test
    void encrypt_samePlaintextTwice_versionedLayoutFreshEachTime() throws Exception {
        byte[] a = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);
        byte[] b = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);

        assertThat(a).hasSize(1149 + PLAINTEXT.length).startsWith(0x01);
        assertThat(Arrays.copyOfRange(a, 1, 1121)).isNotEqualTo(Arrays.copyOfRange(b, 1, 1121));
    }

    @Test
    void decrypt_documentedFormat_matchesIndependentReimplementation() throws Exception {
        byte[] ct = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);
        HybridPrivateKey key = ALICE.privateKey();

        byte[] ssKem = KEM.getInstance("ML-KEM").newDecapsulator(key.mlKemKey())
                .decapsulate(Arrays.copyOfRange(ct, 1, 1089)).getEncoded();
        KeyAgreement x = KeyAgreement.getInstance("X25519");
        x.init(key.x25519Key());
        x.doPhase(X25519.fromRaw(Arrays.copyOfRange(ct, 1089, 1121)), true);
        byte[] ikm = concat(ssKem, x.generateSecret());
        byte[] info = concat(Arrays.copyOfRange(ct, 0, 1121), ALICE.publicKey().encoded());
        byte[] aesKey = hkdfSha256("munin-keep hybrid v1".getBytes(StandardCharsets.US_ASCII), ikm, info);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(ct, 1121, 1133)));
        gcm.updateAAD(AAD);

        assertThat(gcm.doFinal(ct, 1133, ct.length - 1133)).isEqualTo(PLAINTEXT);
    }

    @Test
    void decrypt_otherRecipient_throwsFailed() throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);

        assertThatThrownBy(() -> HybridEncryption.decrypt(BOB.privateKey(), ciphertext, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(FAILED);
    }

    @Test
    void decrypt_otherAssociatedData_throwsFailed() throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);

        assertThatThrownBy(() -> HybridEncryption.decrypt(ALICE.privateKey(), ciphertext, new byte[0]))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(FAILED);
    }

    @ParameterizedTest(name = "offset {0} bit {1}")
    @CsvSource({"1, 1", "600, 16", "1088, 128", "1089, 1", // ML-KEM ciphertext
            "1120, 128", // top bit of the X25519 u-coordinate: ignored by RFC 7748, but bound by the key derivation
            "1121, 1", "1135, 2", "1160, 64"}) // nonce, ciphertext, tag
    void decrypt_oneBitFlipped_throwsFailed(int offset, int bit) throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);
        ciphertext[offset] ^= (byte) bit;

        assertThatThrownBy(() -> HybridEncryption.decrypt(ALICE.privateKey(), ciphertext, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(FAILED);
    }

    @Test
    void decrypt_truncated_throws() throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);

        assertThatThrownBy(() -> HybridEncryption.decrypt(ALICE.privateKey(), Arrays.copyOf(ciphertext, ciphertext.length - 1), AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(FAILED);
        assertThatThrownBy(() -> HybridEncryption.decrypt(ALICE.privateKey(), Arrays.copyOf(ciphertext, 1148), AAD))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("hybrid ciphertext is truncated: 1148 bytes, at least 1149 expected");
    }

    @Test
    void decrypt_unknownVersion_throwsUnsupported() throws Exception {
        byte[] ciphertext = HybridEncryption.encrypt(ALICE.publicKey(), PLAINTEXT, AAD);
        ciphertext[0] = 0x02;

        assertThatThrownBy(() -> HybridEncryption.decrypt(ALICE.privateKey(), ciphertext, AAD))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("unsupported hybrid ciphertext version 0x02 (this build reads 0x01)");
    }

    private static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info) throws Exception {
        // RFC 5869 with one output block, written against HMAC directly rather than the JDK's KDF API.
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = hmac.doFinal(ikm);
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        hmac.update(info);
        hmac.update((byte) 1);
        return hmac.doFinal();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
