package sovereign.munin.keep.log.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.CompactRange;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.InMemoryHashStore;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.TreeAppend;

/**
 * Times a sequencer's work on a million-leaf log with the in-memory store; run on demand, never as a test:
 * {@code java -cp keep-log/target/classes:keep-log/target/test-classes sovereign.munin.keep.log.bench.AppendBench}.
 */
public final class AppendBench {

    private static final int LEAVES = 1_000_000;
    private static final int BATCH = 1_000;

    private AppendBench() {}

    public static void main(String[] args) throws LogException {
        List<Hash> leafHashes = new ArrayList<>(LEAVES);
        long start = System.nanoTime();
        for (int i = 0; i < LEAVES; i++) {
            leafHashes.add(Hash.ofLeaf(ByteBuffer.allocate(Integer.BYTES).putInt(i).array()));
        }
        report("hash 1,000,000 entries to leaf hashes", start);

        for (int round = 1; round <= 3; round++) {
            InMemoryHashStore store = new InMemoryHashStore();
            MerkleTree tree = new MerkleTree(store);
            start = System.nanoTime();
            Hash root = null;
            for (int at = 0; at < LEAVES; at += BATCH) {
                TreeAppend append = tree.append(at, leafHashes.subList(at, at + BATCH));
                store.write(append);
                root = append.root();
            }
            report("round " + round + ": append 1,000,000 leaves in batches of 1,000", start);

            start = System.nanoTime();
            tree.inclusionProof(LEAVES / 3, LEAVES).verify(leafHashes.get(LEAVES / 3), root);
            report("round " + round + ": one inclusion proof at size 1,000,000 (generate + verify)", start);

            start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                tree.inclusionProof((i * 7919L) % LEAVES, LEAVES);
            }
            report("round " + round + ": 10,000 inclusion proofs at size 1,000,000", start);

            start = System.nanoTime();
            tree.consistencyProof(654_321, LEAVES).verify(tree.rootHash(654_321), root);
            report("round " + round + ": one consistency proof 654,321 -> 1,000,000 (generate + verify)", start);

            start = System.nanoTime();
            CompactRange range = new CompactRange();
            leafHashes.forEach(range::append);
            if (!range.root().equals(root)) {
                throw new IllegalStateException("compact range disagrees with the tree");
            }
            report("round " + round + ": compact-range root over 1,000,000 leaf hashes", start);
        }
    }

    private static void report(String what, long startNanos) {
        System.out.printf("%-80s %10.3f ms%n", what, (System.nanoTime() - startNanos) / 1e6);
    }
}
