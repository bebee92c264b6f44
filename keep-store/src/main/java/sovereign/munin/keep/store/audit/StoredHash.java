package sovereign.munin.keep.store.audit;

/** One stored Merkle tree hash. */
public record StoredHash(long idx, byte[] hash) {
}
