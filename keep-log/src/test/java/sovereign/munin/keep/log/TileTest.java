package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileTest {

    @Test
    void parse_encodedTile_roundTrips() throws MalformedTileException {
        TileId id = new TileId(0, 0, 5);
        Tile tile = new Tile(id, ReferenceTree.leaves(5));
        assertThat(tile.encode()).hasSize(5 * 32);
        assertThat(Tile.parse(id, tile.encode())).isEqualTo(tile);
    }

    @Test
    void parse_truncatedTile_isRejected() {
        TileId id = new TileId(0, 0, 5);
        byte[] data = new Tile(id, ReferenceTree.leaves(5)).encode();
        assertThatThrownBy(() -> Tile.parse(id, Arrays.copyOf(data, data.length - 1)))
                .isInstanceOf(MalformedTileException.class).hasMessageContaining("must be 160 bytes, not 159");
        assertThatThrownBy(() -> Tile.parse(id, Arrays.copyOf(data, data.length + 32)))
                .isInstanceOf(MalformedTileException.class);
    }

    @Test
    void subtreeHash_fullTile_isTheRootOfItsLeaves() {
        List<Hash> leaves = ReferenceTree.leaves(256);
        Tile tile = new Tile(new TileId(0, 0, 256), leaves);
        assertThat(tile.subtreeHash(0, 256)).isEqualTo(ReferenceTree.mth(leaves));
        assertThat(tile.subtreeHash(8, 4)).isEqualTo(ReferenceTree.mth(leaves.subList(8, 12)));
        assertThatThrownBy(() -> tile.subtreeHash(2, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tile_readFromTree_holdsTheHashesAtItsLevel() throws LogException {
        List<Hash> leaves = ReferenceTree.leaves(600);
        InMemoryHashStore store = new InMemoryHashStore();
        store.appendLeaves(leaves);
        MerkleTree tree = new MerkleTree(store);
        assertThat(tree.tile(new TileId(0, 2, 88), 600).hashes()).isEqualTo(leaves.subList(512, 600));
        assertThat(tree.tile(new TileId(1, 0, 2), 600).hashes())
                .containsExactly(ReferenceTree.mth(leaves.subList(0, 256)), ReferenceTree.mth(leaves.subList(256, 512)));
        assertThatThrownBy(() -> tree.tile(new TileId(0, 2, 87), 600)).isInstanceOf(IllegalArgumentException.class);
    }
}
