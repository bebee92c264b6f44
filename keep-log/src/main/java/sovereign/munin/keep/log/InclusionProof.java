package sovereign.munin.keep.log;

import java.util.List;
import sovereign.munin.keep.log.internal.ProofRanges;

/**
 * An RFC 9162 inclusion proof: the audit path from leaf {@code leafIndex} to the root of a tree of
 * {@code treeSize} leaves, leaf side first.
 *
 * <p>An instance always has an index inside the tree and a path of exactly the length RFC 9162 prescribes; use
 * {@link #of} to build one from untrusted fields with a checked error.
 *
 * @param leafIndex index of the proven leaf
 * @param treeSize size of the tree whose root the proof leads to
 * @param hashes the audit path
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> hashes) {

    public InclusionProof {
        hashes = List.copyOf(hashes);
        String problem = problem(leafIndex, treeSize, hashes.size());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Builds a proof from untrusted fields, checking the index against the size first and then the path length. */
    public static InclusionProof of(long leafIndex, long treeSize, List<Hash> hashes) throws InvalidProofException {
        String problem = problem(leafIndex, treeSize, hashes.size());
        if (problem != null) {
            throw new InvalidProofException(problem);
        }
        return new InclusionProof(leafIndex, treeSize, hashes);
    }

    /** The root this proof leads to from {@code leafHash} (RFC 9162 §2.1.3.2, steps 2 to 4). */
    public Hash rootFor(Hash leafHash) {
        long fn = leafIndex;
        long sn = treeSize - 1;
        Hash r = leafHash;
        for (Hash p : hashes) {
            if ((fn & 1) == 1 || fn == sn) {
                r = Hash.ofNode(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Hash.ofNode(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // The path length was checked against the size, so the walk always ends at the root.
        if (sn != 0) {
            throw new IllegalStateException("inclusion walk did not reach the root");
        }
        return r;
    }

    /** Checks that {@code leafHash} is leaf {@code leafIndex} of the tree with root {@code root}. */
    public void verify(Hash leafHash, Hash root) throws InvalidProofException {
        Hash computed = rootFor(leafHash);
        if (!computed.equals(root)) {
            throw new InvalidProofException("inclusion proof for leaf " + leafIndex + " of " + treeSize
                    + " leads to root " + computed + ", not " + root);
        }
    }

    private static String problem(long leafIndex, long treeSize, int length) {
        // The index is checked against the size before anything else.
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return "leaf index " + leafIndex + " is not in a tree of size " + treeSize;
        }
        int expected = ProofRanges.inclusion(leafIndex, treeSize).size();
        if (length != expected) {
            return "inclusion proof for leaf " + leafIndex + " of " + treeSize + " has " + length
                    + " hashes, not " + expected;
        }
        return null;
    }
}
