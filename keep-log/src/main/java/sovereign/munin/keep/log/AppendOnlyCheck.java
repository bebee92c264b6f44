package sovereign.munin.keep.log;

import java.util.Objects;

/**
 * Decides whether a newer checkpoint of a log extends an older one, telling a fork and a shrinking tree apart
 * from a merely bad proof.
 */
public final class AppendOnlyCheck {

    private AppendOnlyCheck() {}

    /**
     * Accepts {@code newer} as an append-only extension of {@code older}.
     *
     * @param proof consistency proof from the older size to the newer; may be null when no proof is needed
     *     (equal sizes, or an empty older tree)
     * @throws MalformedCheckpointException if the checkpoints name different logs
     * @throws ShrinkingTreeException if the newer tree is smaller
     * @throws ForkException if both have the same size and different roots
     * @throws InvalidProofException if the proof is missing, for other sizes, or does not join the roots
     */
    public static void verify(VerifiedCheckpoint older, VerifiedCheckpoint newer, ConsistencyProof proof)
            throws LogException {
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(newer, "newer");
        if (!older.checkpoint().origin().equals(newer.checkpoint().origin())) {
            throw new MalformedCheckpointException("checkpoints of different logs: " + older.checkpoint().origin()
                    + " and " + newer.checkpoint().origin());
        }
        if (newer.size() < older.size()) {
            throw new ShrinkingTreeException(older, newer);
        }
        if (newer.size() == older.size()) {
            if (!newer.root().equals(older.root())) {
                throw new ForkException(older, newer);
            }
            return;
        }
        if (older.size() == 0) {
            return; // every tree extends the empty tree, whose root Checkpoint already checked
        }
        if (proof == null) {
            throw new InvalidProofException("a consistency proof from " + older.size() + " to " + newer.size()
                    + " is needed");
        }
        if (proof.oldSize() != older.size() || proof.newSize() != newer.size()) {
            throw new InvalidProofException("proof is from " + proof.oldSize() + " to " + proof.newSize()
                    + ", not from " + older.size() + " to " + newer.size());
        }
        proof.verify(older.root(), newer.root());
    }
}
