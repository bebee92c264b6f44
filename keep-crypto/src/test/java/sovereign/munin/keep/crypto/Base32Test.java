package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Base32Test {
    // RFC 4648 section 10, with the padding removed.
    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void encode_rfc4648Vectors_matchUnpadded(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void encode_rfc6238Secret_isTheKnownAuthenticatorKey() {
        assertThat(Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void decode_randomBytes_roundTrips() {
        SecureRandom rng = new SecureRandom();
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            rng.nextBytes(data);

            assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY======", "my", "M1", "MZXW6YQ ", "MZ-W6"})
    void decode_paddingLowerCaseOrForeignCharacters_throwsIllegalArgument(String text) {
        assertThatThrownBy(() -> Base32.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "MZX", "MZXW6Y"})
    void decode_impossibleLength_throwsIllegalArgument(String text) {
        assertThatThrownBy(() -> Base32.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("impossible length");
    }

    @Test
    void decode_nonZeroTrailingBits_throwsIllegalArgument() {
        // "MZ" carries 10 bits for one byte; the last two must be zero ("MY" is canonical).
        assertThatThrownBy(() -> Base32.decode("MZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canonical");
    }

    @Test
    void decode_overLongText_throwsIllegalArgument() {
        assertThatThrownBy(() -> Base32.decode("A".repeat(Base32.MAX_ENCODED_LENGTH + 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than");
    }
}
