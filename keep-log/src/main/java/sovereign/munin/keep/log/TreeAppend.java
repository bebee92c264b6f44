package sovereign.munin.keep.log;

import java.util.List;
import java.util.Objects;

/**
 * The hashes a store must write to grow a tree from {@code fromSize} to {@code toSize} leaves, and the new root.
 *
 * <p>The hashes have consecutive stored indexes starting at {@link #firstStoredIndex()}, so a store can write them
 * as one batch; nothing is stored until the caller writes them.
 *
 * @param fromSize tree size before the append
 * @param toSize tree size after the append
 * @param hashes new hashes in stored-index order
 * @param root root hash of the tree of size {@code toSize}
 */
public record TreeAppend(long fromSize, long toSize, List<Hash> hashes, Hash root) {

    public TreeAppend {
        Objects.requireNonNull(root, "root");
        hashes = List.copyOf(hashes);
        if (fromSize < 0 || toSize < fromSize || toSize > NodeId.MAX_TREE_SIZE) {
            throw new IllegalArgumentException("bad sizes " + fromSize + " -> " + toSize);
        }
        long expected = NodeId.storedHashCount(toSize) - NodeId.storedHashCount(fromSize);
        if (hashes.size() != expected) {
            throw new IllegalArgumentException("growing " + fromSize + " -> " + toSize + " stores " + expected
                    + " hashes, not " + hashes.size());
        }
    }

    /** Stored index of {@code hashes().get(0)}. */
    public long firstStoredIndex() {
        return NodeId.storedHashCount(fromSize);
    }
}
