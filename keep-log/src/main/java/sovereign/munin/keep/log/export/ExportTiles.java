package sovereign.munin.keep.log.export;

import sovereign.munin.keep.log.TileId;

/** The tiles of a tree of a given size, level by level, computed one at a time rather than listed. */
final class ExportTiles {

    /** Tile levels a tree can have: 8 tree levels each, 64 bits of size. */
    static final int LEVELS = 8;

    private ExportTiles() {}

    /** Number of hashes at tile level {@code level} (tree level {@code 8 * level}). */
    static long levelCount(long treeSize, int level) {
        return treeSize >>> (TileId.HEIGHT * level);
    }

    /** The tile {@code index} at {@code level} of a tree of {@code treeSize}: full, or partial if it is the last. */
    static TileId tile(long treeSize, int level, long index) {
        long count = levelCount(treeSize, level);
        long full = count >>> TileId.HEIGHT;
        if (index < full) {
            return new TileId(level, index, TileId.WIDTH);
        }
        int width = (int) (count & (TileId.WIDTH - 1));
        if (index != full || width == 0) {
            throw new IllegalArgumentException("a tree of size " + treeSize + " has no tile " + index + " at level "
                    + level);
        }
        return new TileId(level, index, width);
    }
}
