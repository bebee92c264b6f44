package sovereign.munin.keep.store.audit;

/** A signed checkpoint as stored: the tree size, its root and the whole signed note. */
public record CheckpointRow(long treeSize, byte[] root, String note, long createdAt) {
}
