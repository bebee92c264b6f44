package sovereign.munin.keep.log.internal;

import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.NodeId;

/**
 * A half-open range of leaves {@code [start, end)} whose Merkle tree hash RFC 9162 defines.
 *
 * @param start first leaf
 * @param end leaf after the last
 */
public record Range(long start, long end) {

    public Range {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
        }
    }

    /**
     * The perfect subtrees that tile this range, left to right; folding their hashes from the right gives the
     * range's Merkle tree hash whenever {@code start} is a multiple of a power of two not below the range's size,
     * which holds for every range RFC 9162's proofs and tree heads use.
     */
    public List<NodeId> perfectSubtrees() {
        List<NodeId> nodes = new ArrayList<>(Long.SIZE);
        long at = start;
        while (at < end) {
            long fit = Long.highestOneBit(end - at);
            long align = at == 0 ? fit : Long.lowestOneBit(at);
            long width = Math.min(fit, align);
            int level = Long.numberOfTrailingZeros(width);
            nodes.add(new NodeId(level, at >>> level));
            at += width;
        }
        return nodes;
    }
}
