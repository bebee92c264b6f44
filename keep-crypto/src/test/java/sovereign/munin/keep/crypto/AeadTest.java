package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AeadTest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final byte[] PLAINTEXT = "the KEK backup".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "key-version:7".getBytes(StandardCharsets.UTF_8);
    private static final String AUTH_FAILED = "AEAD authentication failed";

    private final SecretBytes key = SecretBytes.random(32, RNG);

    @Test
    void open_sealedValue_returnsPlaintext() throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);

        assertThat(Aead.open(key, sealed, AAD)).isEqualTo(PLAINTEXT);
        assertThat(Aead.open(key, Aead.seal(key, new byte[0], null), new byte[0])).isEmpty();
    }

    @Test
    void seal_samePlaintextTwice_versionedAndFreshNonce() throws Exception {
        byte[] a = Aead.seal(key, PLAINTEXT, AAD);
        byte[] b = Aead.seal(key, PLAINTEXT, AAD);

        assertThat(a).hasSize(PLAINTEXT.length + 29).startsWith(0x01);
        assertThat(Arrays.copyOfRange(a, 1, 13)).isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void open_wrongKey_throwsAuthenticationFailed() throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);

        assertThatThrownBy(() -> Aead.open(SecretBytes.random(32, RNG), sealed, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(AUTH_FAILED);
    }

    @Test
    void open_wrongAssociatedData_throwsAuthenticationFailed() throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);

        assertThatThrownBy(() -> Aead.open(key, sealed, "key-version:8".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(AUTH_FAILED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 12, 13, 20, 42}) // nonce start, nonce end, ciphertext, ciphertext, tag end
    void open_oneBitFlipped_throwsAuthenticationFailed(int position) throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);
        sealed[position] ^= 0x01;

        assertThatThrownBy(() -> Aead.open(key, sealed, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(AUTH_FAILED);
    }

    @Test
    void open_truncated_throws() throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);

        assertThatThrownBy(() -> Aead.open(key, Arrays.copyOf(sealed, sealed.length - 1), AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith(AUTH_FAILED);
        assertThatThrownBy(() -> Aead.open(key, Arrays.copyOf(sealed, 28), AAD))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("sealed data is truncated: 28 bytes, at least 29 expected (version, nonce, tag)");
    }

    @Test
    void open_unknownVersion_throwsUnsupported() throws Exception {
        byte[] sealed = Aead.seal(key, PLAINTEXT, AAD);
        sealed[0] = 0x02;

        assertThatThrownBy(() -> Aead.open(key, sealed, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("unsupported AEAD format version 0x02");
    }

    @Test
    void seal_keyNot32Bytes_throws() {
        assertThatThrownBy(() -> Aead.seal(SecretBytes.random(16, RNG), PLAINTEXT, AAD))
                .isInstanceOf(KeepCryptoException.class).hasMessage("AES-256-GCM key must be 32 bytes, was 16");
    }
}
