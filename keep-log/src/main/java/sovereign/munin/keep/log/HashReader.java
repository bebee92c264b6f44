package sovereign.munin.keep.log;

import java.util.List;

/**
 * Supplies stored Merkle hashes by {@linkplain NodeId#storedIndex() stored index}: the only thing the Merkle code
 * asks of storage, so SQL tables, tile files and memory can all back it.
 *
 * <p>Security: an implementation must return, for each index, exactly the hash that was stored there. Proofs built
 * from a reader are only as true as the reader; verifiers never trust a reader, only roots from signed checkpoints.
 */
@FunctionalInterface
public interface HashReader {

    /**
     * Returns the hashes at {@code storedIndexes}, one per index and in the same order; indexes may repeat.
     *
     * @throws HashStorageException if a hash is not stored or the store fails
     */
    List<Hash> readHashes(long[] storedIndexes) throws HashStorageException;
}
