package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link HashReader} over the tiles of a tree of known size, so that proofs and roots can be computed from a
 * tlog-tiles export: hashes at levels between tile levels are recomputed from the tile below.
 */
public final class TileHashReader implements HashReader {

    private final TileReader tiles;
    private final long treeSize;

    /** Reads hashes of the tree of {@code treeSize} leaves, whose tiles {@code tiles} supplies. */
    public TileHashReader(TileReader tiles, long treeSize) {
        if (treeSize < 0 || treeSize > NodeId.MAX_TREE_SIZE) {
            throw new IllegalArgumentException("tree size out of range: " + treeSize);
        }
        this.tiles = Objects.requireNonNull(tiles, "tiles");
        this.treeSize = treeSize;
    }

    @Override
    public List<Hash> readHashes(long[] storedIndexes) throws HashStorageException {
        // Proofs ask for several hashes from the same tile; read each tile once per call.
        Map<TileId, Tile> read = new HashMap<>();
        List<Hash> hashes = new ArrayList<>(storedIndexes.length);
        for (long storedIndex : storedIndexes) {
            if (storedIndex < 0 || storedIndex >= NodeId.storedHashCount(treeSize)) {
                throw new HashStorageException(storedIndex, "index " + storedIndex + " is not in a tree of size "
                        + treeSize);
            }
            NodeId node = NodeId.fromStoredIndex(storedIndex);
            int tileLevel = node.level() / TileId.HEIGHT;
            int count = 1 << (node.level() % TileId.HEIGHT);
            long first = node.index() * count;
            TileId id = tileHolding(tileLevel, first, count, storedIndex);
            Tile tile = read.get(id);
            if (tile == null) {
                tile = parse(id, tiles.readTile(id));
                read.put(id, tile);
            }
            hashes.add(tile.subtreeHash((int) (first & (TileId.WIDTH - 1)), count));
        }
        return hashes;
    }

    /** The tile of this tree that holds tile-level hashes {@code [first, first + count)}. */
    private TileId tileHolding(int tileLevel, long first, int count, long storedIndex) throws HashStorageException {
        long levelCount = TileId.levelCount(treeSize, tileLevel);
        long n = first >>> TileId.HEIGHT;
        long full = levelCount >>> TileId.HEIGHT;
        if (n < full) {
            return new TileId(tileLevel, n, TileId.WIDTH);
        }
        int width = (int) (levelCount & (TileId.WIDTH - 1));
        if (n == full && (first & (TileId.WIDTH - 1)) + count <= width) {
            return new TileId(tileLevel, n, width);
        }
        throw new HashStorageException(storedIndex, "index " + storedIndex + " is not complete in a tree of size "
                + treeSize);
    }

    private static Tile parse(TileId id, byte[] data) throws HashStorageException {
        try {
            return Tile.parse(id, Objects.requireNonNull(data, "tile bytes"));
        } catch (MalformedTileException e) {
            throw new HashStorageException("malformed " + id.path(), e);
        }
    }
}
