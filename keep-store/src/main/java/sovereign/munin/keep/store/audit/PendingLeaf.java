package sovereign.munin.keep.store.audit;

/**
 * An event waiting to be integrated: its arrival number, the stored leaf hash, the entry it must be the hash of,
 * and the server's MAC over the entry (null when written while sealed).
 */
public record PendingLeaf(long seq, String eventId, long createdAt, byte[] leafHash, byte[] entry, byte[] mac) {
}
