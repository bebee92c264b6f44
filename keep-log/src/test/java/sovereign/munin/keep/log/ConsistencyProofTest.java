package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyProofTest {

    private static final List<Hash> LEAVES = ReferenceTree.leaves(13);

    @Test
    void of_fromEmptyTree_isRejected() {
        assertThatThrownBy(() -> ConsistencyProof.of(0, 0, List.of())).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> ConsistencyProof.of(0, 5, List.of())).isInstanceOf(InvalidProofException.class);
    }

    @Test
    void of_shrinkingSizes_isRejected() {
        assertThatThrownBy(() -> ConsistencyProof.of(6, 5, List.of())).isInstanceOf(InvalidProofException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void of_proofOfWrongLength_isRejected() {
        List<Hash> proof = new ArrayList<>(ReferenceTree.proof(5, LEAVES));
        proof.add(proof.getFirst());
        assertThatThrownBy(() -> ConsistencyProof.of(5, 13, proof)).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> ConsistencyProof.of(5, 5, List.of(proof.getFirst())))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void verify_rootsOfDifferentTrees_isRejected() throws InvalidProofException {
        ConsistencyProof proof = ConsistencyProof.of(5, 13, ReferenceTree.proof(5, LEAVES));
        Hash oldRoot = ReferenceTree.mth(LEAVES.subList(0, 5));
        Hash newRoot = ReferenceTree.mth(LEAVES);
        proof.verify(oldRoot, newRoot);
        Hash other = ReferenceTree.mth(LEAVES.subList(0, 6));
        assertThatThrownBy(() -> proof.verify(other, newRoot)).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> proof.verify(oldRoot, other)).isInstanceOf(InvalidProofException.class);
    }
}
