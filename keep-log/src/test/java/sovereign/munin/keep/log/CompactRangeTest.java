package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {

    @Test
    void root_everyPrefix_matchesReference() {
        List<Hash> leaves = ReferenceTree.leaves(300);
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(Hash.EMPTY_TREE);
        for (int i = 0; i < leaves.size(); i++) {
            range.append(leaves.get(i));
            assertThat(range.root()).as("size %d", i + 1).isEqualTo(ReferenceTree.mth(leaves.subList(0, i + 1)));
            assertThat(range.frontier()).hasSize(Long.bitCount(i + 1));
        }
    }

    @Test
    void of_resumedFromFrontier_continuesLikeTheOriginal() {
        List<Hash> leaves = ReferenceTree.leaves(100);
        CompactRange original = new CompactRange();
        leaves.subList(0, 37).forEach(original::append);
        CompactRange resumed = CompactRange.of(37, original.frontier());
        leaves.subList(37, 100).forEach(resumed::append);
        assertThat(resumed.root()).isEqualTo(ReferenceTree.mth(leaves));
        assertThat(resumed.size()).isEqualTo(100);
    }

    @Test
    void append_storedHashes_leafThenCompletedNodes() {
        List<Hash> leaves = ReferenceTree.leaves(4);
        CompactRange range = new CompactRange();
        List<Hash> stored = new ArrayList<>();
        leaves.forEach(leaf -> range.append(leaf, stored::add));
        Hash left = Hash.ofNode(leaves.get(0), leaves.get(1));
        Hash right = Hash.ofNode(leaves.get(2), leaves.get(3));
        assertThat(stored).containsExactly(leaves.get(0), leaves.get(1), left, leaves.get(2), leaves.get(3), right,
                Hash.ofNode(left, right));
    }

    @Test
    void appendAll_keptBetweenBatches_storesWhatTheTreeWould() throws LogException {
        List<Hash> leaves = ReferenceTree.leaves(50);
        InMemoryHashStore store = new InMemoryHashStore();
        store.appendLeaves(leaves.subList(0, 13));
        CompactRange kept = new MerkleTree(store).compactRange(13);

        TreeAppend fromRange = kept.appendAll(leaves.subList(13, 50));

        assertThat(fromRange).isEqualTo(new MerkleTree(store).append(13, leaves.subList(13, 50)));
        assertThat(fromRange.root()).isEqualTo(ReferenceTree.mth(leaves));
        assertThat(kept.size()).isEqualTo(50);
    }

    @Test
    void of_frontierOfWrongLength_isRejected() {
        assertThatThrownBy(() -> CompactRange.of(3, List.of(Hash.EMPTY_TREE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
