package sovereign.munin.keep.log;

/**
 * The position of a perfect subtree in a Merkle tree: its height and its index among the subtrees of that height.
 *
 * <p>Level 0 holds the leaves; the node at level {@code L}, index {@code i} covers leaves
 * {@code [i * 2^L, (i + 1) * 2^L)}. Every such node is hashed exactly once, when its last leaf is appended, and
 * stored under a single {@linkplain #storedIndex() stored index}: all hashes of the log numbered in the order a
 * sequencer writes them. That order lets a store keep every hash in one append-only column.
 *
 * @param level height of the subtree, 0 for a leaf
 * @param index position among the subtrees of that height, from the left
 */
public record NodeId(int level, long index) {

    /** Largest tree size whose hashes all have stored indexes that fit a {@code long}. */
    public static final long MAX_TREE_SIZE = 1L << 62;

    public NodeId {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("level must be in [0, 62]: " + level);
        }
        if (index < 0 || index >= (MAX_TREE_SIZE >>> level)) {
            throw new IllegalArgumentException("index out of range for level " + level + ": " + index);
        }
    }

    /** Number of leaves under this node. */
    public long width() {
        return 1L << level;
    }

    /** Index of the first leaf under this node. */
    public long firstLeaf() {
        return index << level;
    }

    /**
     * Where this hash sits in the write order: the hashes for leaf {@code i} follow all hashes of the tree of size
     * {@code i}; first the leaf hash, then each interior node that the leaf completes, lowest first.
     */
    public long storedIndex() {
        long lastLeaf = ((index + 1) << level) - 1;
        return storedHashCount(lastLeaf) + level;
    }

    /** The node stored at {@code storedIndex}; the inverse of {@link #storedIndex()}. */
    public static NodeId fromStoredIndex(long storedIndex) {
        if (storedIndex < 0 || storedIndex >= storedHashCount(MAX_TREE_SIZE)) {
            throw new IllegalArgumentException("stored index out of range: " + storedIndex);
        }
        // storedHashCount is strictly increasing; find the leaf whose hashes contain storedIndex.
        long low = 0;
        long high = Math.min(storedIndex, MAX_TREE_SIZE - 1);
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (storedHashCount(mid) <= storedIndex) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int level = (int) (storedIndex - storedHashCount(low));
        return new NodeId(level, ((low + 1) >>> level) - 1);
    }

    /**
     * Number of hashes stored for a tree of {@code treeSize} leaves, which is also the stored index of the first hash
     * written when the next leaf is appended.
     */
    public static long storedHashCount(long treeSize) {
        if (treeSize < 0 || treeSize > MAX_TREE_SIZE) {
            throw new IllegalArgumentException("tree size out of range: " + treeSize);
        }
        // Each leaf adds itself plus one node per level it completes; summed, that is 2n - popcount(n),
        // written so that no intermediate value overflows at MAX_TREE_SIZE.
        return treeSize + (treeSize - Long.bitCount(treeSize));
    }
}
