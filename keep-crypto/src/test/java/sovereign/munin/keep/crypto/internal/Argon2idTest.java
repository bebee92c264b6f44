package sovereign.munin.keep.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.crypto.Argon2Params;

class Argon2idTest {
    @Test
    void derive_rfc9106Section53Vector_matchesTag() {
        // RFC 9106 section 5.3: password 32 x 0x01, salt 16 x 0x02, secret 8 x 0x03, associated data 12 x 0x04,
        // 32 KiB, 3 passes, 4 lanes, version 0x13, 32-byte tag.
        byte[] tag = Argon2id.derive(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                new Argon2Params(32, 3, 4), 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void derive_differentSecret_differentTag() {
        Argon2Params params = new Argon2Params(32, 3, 4);
        byte[] withSecret = Argon2id.derive(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), params, 32);
        byte[] otherSecret = Argon2id.derive(filled(32, 1), filled(16, 2), filled(8, 5), filled(12, 4), params, 32);

        assertThat(withSecret).isNotEqualTo(otherSecret);
    }

    @Test
    void derive_outputShorterThanFourBytes_throwsIllegalArgument() {
        assertThatThrownBy(() -> Argon2id.derive(filled(8, 1), filled(16, 2), new Argon2Params(8, 1, 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4 bytes");
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
