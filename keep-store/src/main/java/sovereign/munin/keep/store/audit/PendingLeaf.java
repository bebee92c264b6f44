package sovereign.munin.keep.store.audit;

/** An event waiting to be integrated: its arrival number and leaf hash, all the sequencer needs. */
public record PendingLeaf(long seq, byte[] leafHash) {
}
