package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBundleTest {

    @Test
    void encode_entries_areLengthPrefixedBigEndian() {
        EntryBundle bundle = EntryBundle.of(List.of(new byte[] {'a'}, new byte[0], new byte[300]));
        byte[] data = bundle.encode();
        assertThat(Arrays.copyOf(data, 6)).containsExactly(0, 1, 'a', 0, 0, 1);
        assertThat(data[6]).isEqualTo((byte) 44);
        assertThat(data).hasSize(2 + 1 + 2 + 2 + 300);
    }

    @Test
    void parse_encodedBundle_roundTrips() throws MalformedTileException {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            entries.add(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        entries.set(7, new byte[EntryBundle.MAX_ENTRY_SIZE]);
        EntryBundle parsed = EntryBundle.parse(EntryBundle.of(entries).encode(), 256);
        assertThat(parsed.size()).isEqualTo(256);
        assertThat(parsed.entry(7)).hasSize(65_535);
        assertThat(parsed.entry(8)).isEqualTo(entries.get(8));
        assertThat(parsed.leafHashes().get(3)).isEqualTo(Hash.ofLeaf(entries.get(3)));
    }

    @Test
    void parse_truncatedEntry_isRejected() {
        byte[] data = EntryBundle.of(List.of(new byte[10], new byte[10])).encode();
        assertThatThrownBy(() -> EntryBundle.parse(Arrays.copyOf(data, data.length - 1), 2))
                .isInstanceOf(MalformedTileException.class).hasMessageContaining("claims 10 bytes");
        assertThatThrownBy(() -> EntryBundle.parse(Arrays.copyOf(data, 13), 2))
                .isInstanceOf(MalformedTileException.class).hasMessageContaining("length prefix");
    }

    @Test
    void parse_wrongCountOrTrailingBytes_isRejected() {
        byte[] data = EntryBundle.of(List.of(new byte[1], new byte[1])).encode();
        assertThatThrownBy(() -> EntryBundle.parse(data, 3)).isInstanceOf(MalformedTileException.class);
        assertThatThrownBy(() -> EntryBundle.parse(data, 1)).isInstanceOf(MalformedTileException.class)
                .hasMessageContaining("after its 1 entries");
        assertThatThrownBy(() -> EntryBundle.parse(new byte[0], 1)).isInstanceOf(MalformedTileException.class);
    }

    @Test
    void of_outOfBounds_isRejected() {
        assertThatThrownBy(() -> EntryBundle.of(List.of(new byte[65_536])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryBundle.of(Collections.nCopies(257, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryBundle.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
