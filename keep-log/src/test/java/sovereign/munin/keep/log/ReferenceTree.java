package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;

/** RFC 9162 §2.1 written as literally as possible, recursion and all, to check the real code against. */
final class ReferenceTree {

    private ReferenceTree() {}

    static List<Hash> leaves(int count) {
        List<Hash> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(Hash.ofLeaf(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    static Hash mth(List<Hash> d) {
        if (d.isEmpty()) {
            return Hash.EMPTY_TREE;
        }
        if (d.size() == 1) {
            return d.getFirst();
        }
        int k = largestPowerOfTwoBelow(d.size());
        return Hash.ofNode(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    static List<Hash> path(int m, List<Hash> d) {
        List<Hash> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = largestPowerOfTwoBelow(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<Hash> proof(int m, List<Hash> d) {
        return subproof(m, d, true);
    }

    private static List<Hash> subproof(int m, List<Hash> d, boolean b) {
        List<Hash> out = new ArrayList<>();
        if (m == d.size()) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = largestPowerOfTwoBelow(d.size());
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(subproof(m - k, d.subList(k, d.size()), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
