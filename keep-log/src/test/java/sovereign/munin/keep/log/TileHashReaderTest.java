package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proofs computed from a tile export must equal proofs computed from the full store. */
class TileHashReaderTest {

    private static final int SIZE = 70_000;
    private static final InMemoryHashStore STORE = new InMemoryHashStore();
    private static final MerkleTree TREE = new MerkleTree(STORE);
    private static final Map<String, byte[]> EXPORT = new HashMap<>();

    @BeforeAll
    static void export() throws LogException {
        STORE.appendLeaves(ReferenceTree.leaves(SIZE));
        for (TileId id : TileId.tilesOf(SIZE)) {
            EXPORT.put(id.path(), TREE.tile(id, SIZE).encode());
        }
    }

    private static MerkleTree fromTiles(long size) {
        return new MerkleTree(new TileHashReader(id -> {
            byte[] data = EXPORT.get(id.path());
            if (data == null) {
                throw new HashStorageException("no tile " + id.path());
            }
            return data;
        }, size));
    }

    @Test
    void proofsAndRoot_fromTiles_equalThoseFromTheStore() throws LogException {
        MerkleTree tiles = fromTiles(SIZE);
        assertThat(tiles.rootHash(SIZE)).isEqualTo(TREE.rootHash(SIZE));
        for (long index : new long[] {0, 1, 255, 256, 65_535, 65_536, 69_999, 12_345}) {
            assertThat(tiles.inclusionProof(index, SIZE)).isEqualTo(TREE.inclusionProof(index, SIZE));
        }
        for (long old : new long[] {1, 256, 257, 65_536, 69_000, SIZE}) {
            assertThat(tiles.consistencyProof(old, SIZE)).isEqualTo(TREE.consistencyProof(old, SIZE));
        }
    }

    @Test
    void readHashes_hashNotInTree_isReported() {
        TileHashReader reader = new TileHashReader(id -> EXPORT.get(id.path()), SIZE);
        long beyond = NodeId.storedHashCount(SIZE);
        assertThatThrownBy(() -> reader.readHashes(new long[] {beyond})).isInstanceOf(HashStorageException.class);
    }

    @Test
    void readHashes_truncatedTile_isReported() {
        TileHashReader reader = new TileHashReader(id -> Arrays.copyOf(EXPORT.get(id.path()), 100), SIZE);
        assertThatThrownBy(() -> reader.readHashes(new long[] {0})).isInstanceOf(HashStorageException.class)
                .hasCauseInstanceOf(MalformedTileException.class);
    }

    @Test
    void tilesOf_export_coversEveryTileOnce() {
        List<TileId> tiles = TileId.tilesOf(SIZE);
        assertThat(EXPORT).hasSize(tiles.size());
    }
}
