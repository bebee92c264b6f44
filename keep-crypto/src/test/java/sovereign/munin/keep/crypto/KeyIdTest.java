package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa-p384", "ecdsa-p256", "rsa-2048", "rsa-3072"})
    void of_opensslKey_equalsSha256sumOfSpkiDer(String name) throws Exception {
        PublicKey key = Pem.parsePublicKey(Fixtures.text(name + ".pub.pem"));
        String expected = Fixtures.text(name + ".pub.keyid").strip(); // from `openssl pkey -outform DER | sha256sum`

        assertThat(KeyId.of(key)).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void ofSpki_anyBytes_isLowercaseHexSha256() {
        // FIPS 180-2 test vector for SHA-256("abc").
        assertThat(KeyId.ofSpki("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void of_keyWithoutSpkiEncoding_throws() {
        PublicKey raw = new PublicKey() {
            @Override
            public String getAlgorithm() {
                return "X";
            }

            @Override
            public String getFormat() {
                return "RAW";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[32];
            }
        };

        assertThatThrownBy(() -> KeyId.of(raw)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RAW");
    }
}
