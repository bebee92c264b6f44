package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TileIdTest {

    @Test
    void path_specExample_splitsIndexIntoGroups() {
        assertThat(new TileId(0, 1_234_067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new TileId(1, 0, 256).path()).isEqualTo("tile/1/000");
        assertThat(new TileId(2, 1000, 17).path()).isEqualTo("tile/2/x001/000.p/17");
        assertThat(new TileId(0, 5, 1).entriesPath()).isEqualTo("tile/entries/005.p/1");
        assertThat(new TileId(0, Long.MAX_VALUE, 256).path()).isEqualTo("tile/0/x009/x223/x372/x036/x854/x775/807");
    }

    @Test
    void parsePath_whatPathWrites_roundTrips() throws MalformedTileException {
        for (TileId id : List.of(new TileId(0, 1_234_067, 256), new TileId(63, 0, 1), new TileId(3, 999, 255),
                new TileId(0, Long.MAX_VALUE, 256))) {
            assertThat(TileId.parsePath(id.path())).isEqualTo(id);
        }
        assertThat(TileId.parseEntriesPath("tile/entries/x001/000.p/3")).isEqualTo(new TileId(0, 1000, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tile/0/1", "tile/0/0001", "tile/0/x000/001", "tile/0/001/002", "tile/00/000",
            "tile/64/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/07", "tile/0/000.p/", "tile/0/x001",
            "tile/-1/000", "tile/0/00a", "tile/entries/000", "tiles/0/000", "tile/0/000/", "tile/0/x9223/x372/000",
            "tile/0/x009/x223/x372/x036/x854/x775/808", "tile/0/+01"})
    void parsePath_nonCanonical_isRejected(String path) {
        assertThatThrownBy(() -> TileId.parsePath(path)).isInstanceOf(MalformedTileException.class);
    }

    @Test
    void tilesOf_specExample70000_hasTheTilesTheSpecLists() {
        List<TileId> tiles = TileId.tilesOf(70_000);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && t.isFull()).count()).isEqualTo(273);
        assertThat(tiles).contains(new TileId(0, 273, 112), new TileId(1, 0, 256), new TileId(1, 1, 17),
                new TileId(2, 0, 1));
        assertThat(tiles).hasSize(273 + 4);
    }

    @Test
    void tilesOf_256_isOneFullTileAndAPartialAbove() {
        assertThat(TileId.tilesOf(256)).containsExactly(new TileId(0, 0, 256), new TileId(1, 0, 1));
        assertThat(TileId.tilesOf(0)).isEmpty();
    }

    @Test
    void tilesAdded_growth_listsOnlyNewOrWiderTiles() {
        assertThat(TileId.tilesAdded(300, 600)).containsExactly(new TileId(0, 1, 256), new TileId(0, 2, 88),
                new TileId(1, 0, 2));
        assertThat(TileId.tilesAdded(600, 600)).isEmpty();
        assertThatThrownBy(() -> TileId.tilesAdded(601, 600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isTileOf_agreesWithTilesOf() {
        for (long size : new long[] {1, 255, 256, 257, 65_536, 70_000}) {
            for (TileId id : TileId.tilesOf(size)) {
                assertThat(id.isTileOf(size)).as("%s of %d", id, size).isTrue();
            }
        }
        assertThat(new TileId(0, 0, 255).isTileOf(256)).isFalse();
        assertThat(new TileId(0, 1, 1).isTileOf(256)).isFalse();
    }
}
