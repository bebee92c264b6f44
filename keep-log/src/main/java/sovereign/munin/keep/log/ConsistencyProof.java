package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.internal.ProofRanges;

/**
 * An RFC 9162 consistency proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code newSize}.
 *
 * <p>An instance always has {@code 0 < oldSize <= newSize} (a proof from the empty tree proves nothing) and
 * exactly the number of hashes RFC 9162 prescribes; use {@link #of} to build one from untrusted fields.
 *
 * @param oldSize size of the earlier tree
 * @param newSize size of the later tree
 * @param hashes the proof hashes
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> hashes) {

    public ConsistencyProof {
        hashes = List.copyOf(hashes);
        String problem = problem(oldSize, newSize, hashes.size());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Builds a proof from untrusted fields, checking the sizes first and then the proof length. */
    public static ConsistencyProof of(long oldSize, long newSize, List<Hash> hashes) throws InvalidProofException {
        String problem = problem(oldSize, newSize, hashes.size());
        if (problem != null) {
            throw new InvalidProofException(problem);
        }
        return new ConsistencyProof(oldSize, newSize, hashes);
    }

    /** Checks that {@code oldRoot} and {@code newRoot} are roots of one growing tree (RFC 9162 §2.1.4.2). */
    public void verify(Hash oldRoot, Hash newRoot) throws InvalidProofException {
        if (oldSize == newSize) {
            if (!oldRoot.equals(newRoot)) {
                throw new InvalidProofException("trees of equal size " + oldSize + " have different roots");
            }
            return;
        }
        List<Hash> path = hashes;
        if (Long.bitCount(oldSize) == 1) {
            // The old tree is a perfect subtree; RFC 9162 lets the proof omit its hash.
            path = new ArrayList<>(hashes.size() + 1);
            path.add(oldRoot);
            path.addAll(hashes);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = path.getFirst();
        Hash sr = fr;
        for (Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new InvalidProofException("consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hash.ofNode(c, fr);
                sr = Hash.ofNode(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Hash.ofNode(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0 || !fr.equals(oldRoot) || !sr.equals(newRoot)) {
            throw new InvalidProofException("consistency proof from " + oldSize + " to " + newSize
                    + " does not join root " + oldRoot + " to root " + newRoot);
        }
    }

    private static String problem(long oldSize, long newSize, int length) {
        if (oldSize <= 0) {
            return "a consistency proof from size " + oldSize + " proves nothing";
        }
        if (oldSize > newSize) {
            return "old size " + oldSize + " exceeds new size " + newSize;
        }
        int expected = oldSize == newSize ? 0 : ProofRanges.consistency(oldSize, newSize).size();
        if (length != expected) {
            return "consistency proof from " + oldSize + " to " + newSize + " has " + length
                    + " hashes, not " + expected;
        }
        return null;
    }
}
