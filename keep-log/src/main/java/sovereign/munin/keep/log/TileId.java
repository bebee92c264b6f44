package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.internal.TilePaths;

/**
 * The coordinates of a C2SP tlog-tiles tile: level, index within the level, and width (256 when full).
 *
 * <p>The tile at level {@code l}, index {@code n} holds the Merkle hashes at tree level {@code 8l}, indexes
 * {@code 256n} to {@code 256n + width - 1}. The same coordinates at level 0 name an entry bundle.
 *
 * @param level tile level, 0 to 63
 * @param index tile index within the level
 * @param width number of hashes, 1 to 255 for a partial tile, 256 for a full one
 */
public record TileId(int level, long index, int width) {

    /** Tree levels per tile level. */
    public static final int HEIGHT = 8;
    /** Hashes in a full tile. */
    public static final int WIDTH = 1 << HEIGHT;

    private static final int MAX_LEVEL = 63;

    public TileId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be in [0, 63]: " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        if (width < 1 || width > WIDTH) {
            throw new IllegalArgumentException("tile width must be in [1, 256]: " + width);
        }
    }

    public boolean isFull() {
        return width == WIDTH;
    }

    /** The hash tile path, e.g. {@code tile/1/x001/x234/067.p/8}. */
    public String path() {
        return "tile/" + level + "/" + TilePaths.encodeIndex(index) + partialSuffix();
    }

    /** The path of the entry bundle with these level-0 coordinates, e.g. {@code tile/entries/042}. */
    public String entriesPath() {
        if (level != 0) {
            throw new IllegalStateException("entry bundles exist only at level 0, not " + level);
        }
        return "tile/entries/" + TilePaths.encodeIndex(index) + partialSuffix();
    }

    /** Parses a hash tile path exactly as {@link #path()} writes it. */
    public static TileId parsePath(String path) throws MalformedTileException {
        String[] head = path.split("/", 3);
        if (head.length != 3 || !head[0].equals("tile") || head[1].equals("entries")) {
            throw new MalformedTileException("not a hash tile path: " + path);
        }
        int level = TilePaths.parseSmallDecimal(head[1], 0, MAX_LEVEL);
        if (level < 0) {
            throw new MalformedTileException("bad tile level in " + path);
        }
        return parseTail(level, head[2], path);
    }

    /** Parses an entry bundle path exactly as {@link #entriesPath()} writes it, as level-0 coordinates. */
    public static TileId parseEntriesPath(String path) throws MalformedTileException {
        String prefix = "tile/entries/";
        if (!path.startsWith(prefix)) {
            throw new MalformedTileException("not an entry bundle path: " + path);
        }
        return parseTail(0, path.substring(prefix.length()), path);
    }

    /** True if a tree of {@code treeSize} leaves has exactly this tile, at this width. */
    public boolean isTileOf(long treeSize) {
        long count = levelCount(treeSize, level);
        long full = count >>> HEIGHT;
        return isFull() ? index < full : index == full && width == (count & (WIDTH - 1));
    }

    /** Every tile of a tree of {@code treeSize} leaves, by level then index; about one per 255 leaves. */
    public static List<TileId> tilesOf(long treeSize) {
        return tilesAdded(0, treeSize);
    }

    /**
     * The tiles a log must write when it grows from {@code oldSize} to {@code newSize}: each tile of the new tree
     * that the old tree lacked or had narrower.
     */
    public static List<TileId> tilesAdded(long oldSize, long newSize) {
        if (oldSize < 0 || newSize < oldSize) {
            throw new IllegalArgumentException("a tree cannot grow from " + oldSize + " to " + newSize);
        }
        List<TileId> tiles = new ArrayList<>();
        for (int level = 0; level <= MAX_LEVEL; level++) {
            long count = levelCount(newSize, level);
            long oldCount = levelCount(oldSize, level);
            if (count == oldCount) {
                break; // nothing changed here, so nothing changed above either
            }
            for (long n = oldCount >>> HEIGHT; n < count >>> HEIGHT; n++) {
                tiles.add(new TileId(level, n, WIDTH));
            }
            int partial = (int) (count & (WIDTH - 1));
            if (partial != 0) {
                tiles.add(new TileId(level, count >>> HEIGHT, partial));
            }
        }
        return tiles;
    }

    /** Number of hashes at tree level {@code 8 * level} in a tree of {@code treeSize} leaves. */
    static long levelCount(long treeSize, int level) {
        int shift = HEIGHT * level;
        return shift >= Long.SIZE ? 0 : treeSize >>> shift;
    }

    private String partialSuffix() {
        return isFull() ? "" : ".p/" + width;
    }

    private static TileId parseTail(int level, String tail, String path) throws MalformedTileException {
        int width = WIDTH;
        String indexPart = tail;
        int partial = tail.indexOf(".p/");
        if (partial >= 0) {
            indexPart = tail.substring(0, partial);
            width = TilePaths.parseSmallDecimal(tail.substring(partial + 3), 1, WIDTH - 1);
            if (width < 0) {
                throw new MalformedTileException("bad partial width in " + path);
            }
        }
        long index = TilePaths.parseIndex(indexPart);
        if (index < 0) {
            throw new MalformedTileException("bad tile index in " + path);
        }
        return new TileId(level, index, width);
    }
}
