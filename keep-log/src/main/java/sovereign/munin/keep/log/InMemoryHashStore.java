package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HashReader} that keeps every stored hash in memory, for tests, benchmarks and short-lived tools.
 *
 * <p>Hashes live in flat 2 MiB chunks (32 bytes each, no object per hash), so a million-leaf tree costs about 64 MiB.
 */
public final class InMemoryHashStore implements HashReader {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_HASHES = 1 << CHUNK_BITS;

    private final List<byte[]> chunks = new ArrayList<>();
    private long storedCount;
    private long treeSize;

    /** Number of leaves in the stored tree. */
    public synchronized long treeSize() {
        return treeSize;
    }

    /** Writes the hashes of an append; it must start where the stored tree ends. */
    public synchronized void write(TreeAppend append) {
        if (append.fromSize() != treeSize) {
            throw new IllegalArgumentException("append starts at size " + append.fromSize()
                    + " but the store holds " + treeSize);
        }
        for (Hash hash : append.hashes()) {
            int offset = (int) (storedCount & (CHUNK_HASHES - 1));
            if (offset == 0) {
                chunks.add(new byte[CHUNK_HASHES * Hash.SIZE]);
            }
            hash.copyTo(chunks.getLast(), offset * Hash.SIZE);
            storedCount++;
        }
        treeSize = append.toSize();
    }

    /** Appends leaf hashes, returning the new root. */
    public synchronized Hash appendLeaves(List<Hash> leafHashes) throws HashStorageException {
        TreeAppend append = new MerkleTree(this).append(treeSize, leafHashes);
        write(append);
        return append.root();
    }

    @Override
    public synchronized List<Hash> readHashes(long[] storedIndexes) throws HashStorageException {
        List<Hash> hashes = new ArrayList<>(storedIndexes.length);
        byte[] buffer = new byte[Hash.SIZE];
        for (long index : storedIndexes) {
            if (index < 0 || index >= storedCount) {
                throw new HashStorageException(index, "no hash stored at index " + index);
            }
            byte[] chunk = chunks.get((int) (index >>> CHUNK_BITS));
            System.arraycopy(chunk, (int) (index & (CHUNK_HASHES - 1)) * Hash.SIZE, buffer, 0, Hash.SIZE);
            hashes.add(new Hash(buffer));
        }
        return hashes;
    }
}
