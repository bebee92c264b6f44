package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.log.internal.ProofRanges;
import sovereign.munin.keep.log.internal.Range;

/**
 * RFC 9162 tree heads, proofs and appends over hashes kept elsewhere: each operation works out which stored hashes
 * it needs, reads them from the {@link HashReader} in one call, and computes the rest.
 *
 * <p>Arguments are checked before anything is read; a size or index outside the tree is an
 * {@link IllegalArgumentException}, a hash the store lacks a {@link HashStorageException}.
 */
public final class MerkleTree {

    private final HashReader reader;

    public MerkleTree(HashReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The root hash of the tree of the first {@code treeSize} leaves. */
    public Hash rootHash(long treeSize) throws HashStorageException {
        requireSize(treeSize);
        if (treeSize == 0) {
            return Hash.EMPTY_TREE;
        }
        return read(List.of(new Range(0, treeSize))).getFirst();
    }

    /** The proof that leaf {@code leafIndex} is in the tree of size {@code treeSize}. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) throws HashStorageException {
        requireSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        return new InclusionProof(leafIndex, treeSize, read(ProofRanges.inclusion(leafIndex, treeSize)));
    }

    /** The proof that the tree of size {@code oldSize} is a prefix of the tree of size {@code newSize}. */
    public ConsistencyProof consistencyProof(long oldSize, long newSize) throws HashStorageException {
        requireSize(newSize);
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        return new ConsistencyProof(oldSize, newSize, read(ProofRanges.consistency(oldSize, newSize)));
    }

    /** The tree of {@code treeSize} leaves as a compact range, to append to without reading again. */
    public CompactRange compactRange(long treeSize) throws HashStorageException {
        requireSize(treeSize);
        if (treeSize == 0) {
            return new CompactRange();
        }
        List<NodeId> frontier = new Range(0, treeSize).perfectSubtrees();
        return CompactRange.of(treeSize, readNodes(frontier));
    }

    /**
     * Computes, without writing anything, what appending {@code leafHashes} to the tree of size {@code treeSize}
     * stores, reading only the tree's frontier (at most 62 hashes) however long the batch. A sequencer that keeps
     * the {@link #compactRange(long) compact range} between batches can call {@link CompactRange#appendAll} and
     * read nothing at all.
     */
    public TreeAppend append(long treeSize, List<Hash> leafHashes) throws HashStorageException {
        requireSize(treeSize);
        if (leafHashes.size() > NodeId.MAX_TREE_SIZE - treeSize) {
            throw new IllegalArgumentException("the tree would exceed " + NodeId.MAX_TREE_SIZE + " leaves");
        }
        return compactRange(treeSize).appendAll(leafHashes);
    }

    /** What appending one leaf to the tree of size {@code treeSize} stores. */
    public TreeAppend append(long treeSize, Hash leafHash) throws HashStorageException {
        return append(treeSize, List.of(leafHash));
    }

    /** The level-{@code 8 * id.level()} hashes of a tile of the tree of size {@code treeSize}. */
    public Tile tile(TileId id, long treeSize) throws HashStorageException {
        requireSize(treeSize);
        if (!id.isTileOf(treeSize)) {
            throw new IllegalArgumentException(id + " is not a tile of a tree of size " + treeSize);
        }
        int level = TileId.HEIGHT * id.level();
        List<NodeId> nodes = new ArrayList<>(id.width());
        for (int i = 0; i < id.width(); i++) {
            nodes.add(new NodeId(level, id.index() * TileId.WIDTH + i));
        }
        return new Tile(id, readNodes(nodes));
    }

    private static void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > NodeId.MAX_TREE_SIZE) {
            throw new IllegalArgumentException("tree size out of range: " + treeSize);
        }
    }

    /** Reads every range's perfect subtrees in one call and folds each range to its tree hash. */
    private List<Hash> read(List<Range> ranges) throws HashStorageException {
        List<List<NodeId>> groups = new ArrayList<>(ranges.size());
        List<NodeId> all = new ArrayList<>();
        for (Range range : ranges) {
            List<NodeId> nodes = range.perfectSubtrees();
            groups.add(nodes);
            all.addAll(nodes);
        }
        List<Hash> hashes = readNodes(all);
        List<Hash> result = new ArrayList<>(ranges.size());
        int at = 0;
        for (List<NodeId> group : groups) {
            int end = at + group.size();
            Hash hash = hashes.get(end - 1);
            for (int i = end - 2; i >= at; i--) {
                hash = Hash.ofNode(hashes.get(i), hash);
            }
            result.add(hash);
            at = end;
        }
        return result;
    }

    private List<Hash> readNodes(List<NodeId> nodes) throws HashStorageException {
        long[] indexes = new long[nodes.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = nodes.get(i).storedIndex();
        }
        List<Hash> hashes = reader.readHashes(indexes);
        // A reader is outside code; a short or padded answer would silently shift every proof hash.
        if (hashes == null || hashes.size() != indexes.length) {
            throw new HashStorageException("reader returned " + (hashes == null ? "null" : hashes.size())
                    + " hashes for " + indexes.length + " indexes");
        }
        for (Hash hash : hashes) {
            if (hash == null) {
                throw new HashStorageException("reader returned a null hash");
            }
        }
        return hashes;
    }
}
