package sovereign.munin.keep.log.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The leaf ranges whose hashes make up RFC 9162 proofs (§2.1.3.1 PATH and §2.1.4.1 SUBPROOF), in proof order.
 *
 * <p>Generation and verification both use these lists, so a proof's expected length is the list's size.
 */
public final class ProofRanges {

    private ProofRanges() {}

    /** Ranges of PATH(index, D[0:size]), leaf side first. Requires {@code 0 <= index < size}. */
    public static List<Range> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " outside tree of size " + size);
        }
        List<Range> ranges = new ArrayList<>();
        long lo = 0;
        long hi = size;
        // The RFC recursion appends the sibling after the sub-path, so walk top-down and reverse.
        while (hi - lo > 1) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (index < lo + k) {
                ranges.add(new Range(lo + k, hi));
                hi = lo + k;
            } else {
                ranges.add(new Range(lo, lo + k));
                lo += k;
            }
        }
        Collections.reverse(ranges);
        return ranges;
    }

    /** Ranges of PROOF(oldSize, D[0:newSize]). Requires {@code 0 < oldSize <= newSize}. */
    public static List<Range> consistency(long oldSize, long newSize) {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from " + oldSize + " to " + newSize);
        }
        List<Range> ranges = new ArrayList<>();
        long lo = 0;
        long hi = newSize;
        long m = oldSize;
        boolean wholeOldTree = true;
        while (m != hi - lo) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (m <= k) {
                ranges.add(new Range(lo + k, hi));
                hi = lo + k;
            } else {
                ranges.add(new Range(lo, lo + k));
                m -= k;
                lo += k;
                wholeOldTree = false;
            }
        }
        // SUBPROOF(m, D[m], false) contributes the old subtree's own hash; with b still true it contributes nothing.
        if (!wholeOldTree) {
            ranges.add(new Range(lo, hi));
        }
        Collections.reverse(ranges);
        return ranges;
    }
}
