package sovereign.munin.keep.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.crypto.KeepCryptoException;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void oid_rsaEncryption_decodesDotted() throws Exception {
        assertThat(Der.oid(HEX.parseHex("06092a864886f70d010101"))).isEqualTo("1.2.840.113549.1.1.1");
        assertThat(Der.oid(HEX.parseHex("06032b6570"))).isEqualTo("1.3.101.112");
        assertThat(Der.oid(HEX.parseHex("0609608648016503040312"))).isEqualTo("2.16.840.1.101.3.4.3.18");
    }

    @Test
    void sequence_ofElements_splitsBackIntoSameElements() throws Exception {
        byte[] big = new byte[300];
        big[0] = 0x04;
        big[1] = (byte) 0x82;
        big[2] = 0x01;
        big[3] = 0x28; // OCTET STRING of 296 bytes
        byte[] seq = Der.sequence(Der.smallInteger(1), big);

        List<byte[]> elements = Der.sequenceElements(seq);

        assertThat(HEX.formatHex(seq, 0, 4)).isEqualTo("3082012f");
        assertThat(elements).hasSize(2);
        assertThat(Der.smallInteger(elements.get(0))).isEqualTo(1);
        assertThat(elements.get(1)).isEqualTo(big);
    }

    @Test
    void sequenceElements_nonCanonicalOrTruncated_refused() {
        assertThatThrownBy(() -> Der.sequenceElements(HEX.parseHex("3081020500"))) // long form for a short length
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("minimally");
        assertThatThrownBy(() -> Der.sequenceElements(HEX.parseHex("30800500 0000".replace(" ", ""))))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("indefinite");
        assertThatThrownBy(() -> Der.sequenceElements(HEX.parseHex("3002050000")))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Der.sequenceElements(HEX.parseHex("300505000500")))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("longer than its input");
        assertThatThrownBy(() -> Der.sequenceElements(HEX.parseHex("3103020101")))
                .isInstanceOf(KeepCryptoException.class).hasMessageContaining("expected tag 0x30");
    }
}
