package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamAeadTest {

    private static final int S = StreamAead.SEGMENT;
    private static final int SEALED_SEGMENT = S + 16;
    private static final byte[] AAD = "MKS1".getBytes();
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = random(32);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 17})
    void roundTrip_anyLength(int length) throws Exception {
        byte[] plain = random(length);
        byte[] sealed = seal(plain);
        int segments = length / S + 1;
        assertThat(sealed).hasSize(StreamAead.PREFIX + length + 16 * (length % S == 0 && length > 0 ? segments - 1
            : segments));
        assertThat(open(sealed, AAD)).isEqualTo(plain);
    }

    @Test
    void aCutAtASegmentBoundary_aDroppedOrSwappedSegment_orAppendedBytes_doNotOpen() throws Exception {
        byte[] sealed = seal(random(3 * S + 5));
        byte[] cut = Arrays.copyOf(sealed, StreamAead.PREFIX + 2 * SEALED_SEGMENT);
        assertThatThrownBy(() -> open(cut, AAD)).isInstanceOf(KeepCryptoException.class)
            .hasMessageContaining("segment 1 does not open");
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, StreamAead.PREFIX + SEALED_SEGMENT, swapped, StreamAead.PREFIX, SEALED_SEGMENT);
        System.arraycopy(sealed, StreamAead.PREFIX, swapped, StreamAead.PREFIX + SEALED_SEGMENT, SEALED_SEGMENT);
        assertThatThrownBy(() -> open(swapped, AAD)).isInstanceOf(KeepCryptoException.class);
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 40);
        assertThatThrownBy(() -> open(appended, AAD)).isInstanceOf(KeepCryptoException.class);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 20] ^= 1;
        assertThatThrownBy(() -> open(flipped, AAD)).isInstanceOf(KeepCryptoException.class);
        assertThatThrownBy(() -> open(sealed, "MKS2".getBytes())).isInstanceOf(KeepCryptoException.class);
        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, 3), AAD)).hasMessageContaining("truncated");
    }

    @Test
    void anExactMultipleOfTheSegment_cutOneSegmentShort_doesNotOpen() throws Exception {
        byte[] sealed = seal(random(2 * S));
        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, StreamAead.PREFIX + SEALED_SEGMENT), AAD))
            .isInstanceOf(KeepCryptoException.class);
    }

    private byte[] seal(byte[] plain) throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(StreamAead.seal(key, AAD, new ByteArrayInputStream(plain), out)).isEqualTo(plain.length);
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed, byte[] aad) throws Exception {
        var out = new ByteArrayOutputStream();
        StreamAead.open(key, aad, new ByteArrayInputStream(sealed), out);
        return out.toByteArray();
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
