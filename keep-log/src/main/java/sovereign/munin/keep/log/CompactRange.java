package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The root of a growing tree in O(log n) memory: the hashes of the perfect subtrees that make up the first
 * {@link #size()} leaves, one per set bit of the size.
 *
 * <p>A verifier streams a million leaf hashes through {@link #append(Hash)} and compares {@link #root()} with a
 * checkpoint; a sequencer resumes one from a tree's stored frontier to compute what an append must store. Not
 * thread-safe.
 */
public final class CompactRange {

    private long size;
    // Subtree hashes from the largest (leftmost) to the smallest; their levels are the set bits of size.
    private final Hash[] stack = new Hash[Long.SIZE];
    private int depth;

    /** An empty range, the start of a tree. */
    public CompactRange() {}

    /**
     * Resumes a tree of {@code size} leaves from its frontier: the hashes of the perfect subtrees that tile
     * {@code [0, size)}, left to right, as {@link #frontier()} returns them.
     */
    public static CompactRange of(long size, List<Hash> frontier) {
        if (size < 0 || size > NodeId.MAX_TREE_SIZE) {
            throw new IllegalArgumentException("tree size out of range: " + size);
        }
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " frontier hashes, not " + frontier.size());
        }
        CompactRange range = new CompactRange();
        for (Hash hash : frontier) {
            range.stack[range.depth++] = Objects.requireNonNull(hash, "frontier hash");
        }
        range.size = size;
        return range;
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** Appends one leaf hash. */
    public void append(Hash leafHash) {
        append(leafHash, hash -> {});
    }

    /**
     * Appends one leaf hash and hands {@code stored}, in stored-index order, the leaf hash and then each interior
     * node hash the leaf completes: exactly the hashes a store writes for this leaf.
     */
    public void append(Hash leafHash, Consumer<Hash> stored) {
        Objects.requireNonNull(leafHash, "leafHash");
        if (size == NodeId.MAX_TREE_SIZE) {
            throw new IllegalStateException("tree is full");
        }
        stored.accept(leafHash);
        Hash current = leafHash;
        // Each trailing one bit of the old size is a subtree of the same height waiting for a right sibling.
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            current = Hash.ofNode(stack[--depth], current);
            stored.accept(current);
        }
        stack[depth++] = current;
        size++;
    }

    /**
     * Appends a batch of leaf hashes and returns what a store must write for them, with the new root; the
     * hashes are those {@link #append(Hash, Consumer)} reports, collected.
     */
    public TreeAppend appendAll(List<Hash> leafHashes) {
        if (leafHashes.size() > NodeId.MAX_TREE_SIZE - size) {
            throw new IllegalArgumentException("the tree would exceed " + NodeId.MAX_TREE_SIZE + " leaves");
        }
        long fromSize = size;
        long stored = NodeId.storedHashCount(size + leafHashes.size()) - NodeId.storedHashCount(size);
        List<Hash> hashes = new ArrayList<>((int) Math.min(stored, Integer.MAX_VALUE - 8));
        for (Hash leaf : leafHashes) {
            append(leaf, hashes::add);
        }
        return new TreeAppend(fromSize, size, hashes, root());
    }

    /** The RFC 9162 root of the leaves appended so far; the empty-tree hash when there are none. */
    public Hash root() {
        if (depth == 0) {
            return Hash.EMPTY_TREE;
        }
        Hash root = stack[depth - 1];
        for (int i = depth - 2; i >= 0; i--) {
            root = Hash.ofNode(stack[i], root);
        }
        return root;
    }

    /** The perfect-subtree hashes that tile the range, left to right. */
    public List<Hash> frontier() {
        return List.of(Arrays.copyOf(stack, depth));
    }
}
