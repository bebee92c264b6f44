package sovereign.munin.keep.log;

/** A newer checkpoint whose tree is smaller than one already seen: a rollback, or checkpoints passed out of order. */
public final class ShrinkingTreeException extends LogException {

    private final VerifiedCheckpoint older;
    private final VerifiedCheckpoint newer;

    public ShrinkingTreeException(VerifiedCheckpoint older, VerifiedCheckpoint newer) {
        super("log " + older.checkpoint().origin() + " shrank from " + older.size() + " to " + newer.size()
                + " leaves");
        this.older = older;
        this.newer = newer;
    }

    /** The checkpoint already held. */
    public VerifiedCheckpoint older() {
        return older;
    }

    /** The smaller checkpoint that claims to follow it. */
    public VerifiedCheckpoint newer() {
        return newer;
    }
}
