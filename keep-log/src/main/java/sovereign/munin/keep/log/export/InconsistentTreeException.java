package sovereign.munin.keep.log.export;

import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifiedCheckpoint;

/**
 * A log signed a larger tree that does not contain a smaller tree it signed before: the two signed checkpoints are
 * proof that the log forked, even though their sizes differ.
 */
public final class InconsistentTreeException extends LogException {

    private final VerifiedCheckpoint older;
    private final VerifiedCheckpoint newer;

    public InconsistentTreeException(VerifiedCheckpoint older, VerifiedCheckpoint newer, Throwable cause) {
        super("log " + newer.checkpoint().origin() + " at size " + newer.size() + " (root " + newer.root()
                + ") does not extend its checkpoint at size " + older.size() + " (root " + older.root()
                + "): the log forked", cause);
        this.older = older;
        this.newer = newer;
    }

    /** The earlier checkpoint, one half of the evidence. */
    public VerifiedCheckpoint older() {
        return older;
    }

    /** The later checkpoint that fails to extend it, the other half. */
    public VerifiedCheckpoint newer() {
        return newer;
    }
}
