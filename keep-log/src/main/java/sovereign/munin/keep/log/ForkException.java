package sovereign.munin.keep.log;

/** Two verified checkpoints of one log with the same size and different roots: proof that the log forked. */
public final class ForkException extends LogException {

    private final VerifiedCheckpoint first;
    private final VerifiedCheckpoint second;

    public ForkException(VerifiedCheckpoint first, VerifiedCheckpoint second) {
        super("log " + first.checkpoint().origin() + " signed two roots for size " + first.size() + ": "
                + first.root() + " and " + second.root());
        this.first = first;
        this.second = second;
    }

    /** The checkpoint held before; its note is half of the evidence. */
    public VerifiedCheckpoint first() {
        return first;
    }

    /** The conflicting checkpoint; its note is the other half. */
    public VerifiedCheckpoint second() {
        return second;
    }
}
