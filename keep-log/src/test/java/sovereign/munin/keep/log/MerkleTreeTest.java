package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final int SIZE = 70;
    private static final List<Hash> LEAVES = ReferenceTree.leaves(SIZE);
    private static final InMemoryHashStore STORE = new InMemoryHashStore();
    private static final MerkleTree TREE = new MerkleTree(STORE);

    /** Never answers: proves that bad arguments are rejected before storage is touched. */
    private static final MerkleTree UNREADABLE = new MerkleTree(indexes -> {
        throw new AssertionError("the reader must not be called");
    });

    @BeforeAll
    static void fill() throws LogException {
        // Uneven batches, so that batch boundaries fall at every kind of position.
        int at = 0;
        int batch = 1;
        while (at < SIZE) {
            int end = Math.min(SIZE, at + batch);
            STORE.appendLeaves(LEAVES.subList(at, end));
            at = end;
            batch = batch % 5 + 1;
        }
    }

    @Test
    void rootHash_rfc6962TestTree_matchesReferenceRoot() throws LogException {
        String[] hex = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f"};
        InMemoryHashStore store = new InMemoryHashStore();
        for (String entry : hex) {
            store.appendLeaves(List.of(Hash.ofLeaf(HexFormat.of().parseHex(entry))));
        }
        assertThat(new MerkleTree(store).rootHash(8).toHex())
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void rootHash_everySize_matchesReference() throws LogException {
        for (int n = 0; n <= SIZE; n++) {
            assertThat(TREE.rootHash(n)).as("size %d", n).isEqualTo(ReferenceTree.mth(LEAVES.subList(0, n)));
        }
    }

    @Test
    void inclusionProof_everyLeafOfEverySize_matchesReferenceAndVerifies() throws LogException {
        for (int n = 1; n <= SIZE; n++) {
            Hash root = ReferenceTree.mth(LEAVES.subList(0, n));
            for (int i = 0; i < n; i++) {
                InclusionProof proof = TREE.inclusionProof(i, n);
                assertThat(proof.hashes()).as("leaf %d of %d", i, n)
                        .isEqualTo(ReferenceTree.path(i, LEAVES.subList(0, n)));
                proof.verify(LEAVES.get(i), root);
                assertThat(proof.rootFor(LEAVES.get(i))).isEqualTo(root);
            }
        }
    }

    @Test
    void consistencyProof_everyPairOfSizes_matchesReferenceAndVerifies() throws LogException {
        for (int n = 1; n <= SIZE; n++) {
            Hash newRoot = ReferenceTree.mth(LEAVES.subList(0, n));
            for (int m = 1; m <= n; m++) {
                ConsistencyProof proof = TREE.consistencyProof(m, n);
                assertThat(proof.hashes()).as("%d to %d", m, n)
                        .isEqualTo(m == n ? List.of() : ReferenceTree.proof(m, LEAVES.subList(0, n)));
                proof.verify(ReferenceTree.mth(LEAVES.subList(0, m)), newRoot);
            }
        }
    }

    @Test
    void append_oneBatchOrOneByOne_storesTheSameHashes() throws LogException {
        InMemoryHashStore single = new InMemoryHashStore();
        for (Hash leaf : LEAVES) {
            single.appendLeaves(List.of(leaf));
        }
        InMemoryHashStore batch = new InMemoryHashStore();
        Hash root = batch.appendLeaves(LEAVES);
        assertThat(root).isEqualTo(ReferenceTree.mth(LEAVES));
        long[] all = new long[(int) NodeId.storedHashCount(SIZE)];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertThat(batch.readHashes(all)).isEqualTo(single.readHashes(all)).isEqualTo(STORE.readHashes(all));
    }

    @Test
    void append_result_coversExactlyTheNewStoredIndexes() throws LogException {
        TreeAppend append = TREE.append(SIZE, LEAVES.subList(0, 3));
        assertThat(append.firstStoredIndex()).isEqualTo(NodeId.storedHashCount(SIZE));
        assertThat(append.hashes()).hasSize((int) (NodeId.storedHashCount(SIZE + 3) - NodeId.storedHashCount(SIZE)));
        assertThat(append.toSize()).isEqualTo(SIZE + 3);
    }

    @Test
    void inclusionProof_indexAtOrAfterTreeSize_isRejectedBeforeReading() {
        assertThatThrownBy(() -> UNREADABLE.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in a tree of size 5");
        assertThatThrownBy(() -> UNREADABLE.inclusionProof(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNREADABLE.inclusionProof(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNREADABLE.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consistencyProof_badSizes_areRejectedBeforeReading() {
        assertThatThrownBy(() -> UNREADABLE.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNREADABLE.consistencyProof(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNREADABLE.rootHash(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootHash_sizeBeyondStoredTree_reportsTheMissingHash() {
        assertThatThrownBy(() -> TREE.rootHash(SIZE + 1)).isInstanceOf(HashStorageException.class)
                .satisfies(e -> assertThat(((HashStorageException) e).storedIndex()).isPresent());
    }

    @Test
    void readHashes_readerReturnsTooFewHashes_isReported() {
        MerkleTree lying = new MerkleTree(indexes -> List.of());
        assertThatThrownBy(() -> lying.rootHash(3)).isInstanceOf(HashStorageException.class)
                .hasMessageContaining("returned 0 hashes");
    }
}
