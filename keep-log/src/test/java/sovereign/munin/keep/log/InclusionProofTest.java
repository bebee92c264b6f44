package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InclusionProofTest {

    private static final List<Hash> LEAVES = ReferenceTree.leaves(11);
    private static final Hash ROOT = ReferenceTree.mth(LEAVES);

    @Test
    void of_indexAtTreeSize_isRejectedBeforeTheLength() {
        // The path here has the right length for leaf 3, so only the index check can reject it.
        List<Hash> path = ReferenceTree.path(3, LEAVES);
        assertThatThrownBy(() -> InclusionProof.of(11, 11, path)).isInstanceOf(InvalidProofException.class)
                .hasMessageContaining("not in a tree of size 11");
        assertThatThrownBy(() -> InclusionProof.of(12, 11, path)).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> InclusionProof.of(0, 0, List.of())).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> InclusionProof.of(-1, 11, path)).isInstanceOf(InvalidProofException.class);
    }

    @Test
    void of_proofOfWrongLength_isRejected() {
        List<Hash> path = new ArrayList<>(ReferenceTree.path(3, LEAVES));
        path.add(ROOT);
        assertThatThrownBy(() -> InclusionProof.of(3, 11, path)).isInstanceOf(InvalidProofException.class)
                .hasMessageContaining("has 5 hashes, not 4");
        assertThatThrownBy(() -> InclusionProof.of(3, 11, path.subList(0, 3)))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void constructor_indexAtTreeSize_isAProgrammingError() {
        assertThatThrownBy(() -> new InclusionProof(11, 11, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verify_wrongLeaf_isRejected() throws InvalidProofException {
        InclusionProof proof = InclusionProof.of(3, 11, ReferenceTree.path(3, LEAVES));
        proof.verify(LEAVES.get(3), ROOT);
        assertThatThrownBy(() -> proof.verify(LEAVES.get(4), ROOT)).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> proof.verify(LEAVES.get(3), LEAVES.get(3)))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void rootFor_singleLeafTree_isTheLeaf() throws InvalidProofException {
        assertThat(InclusionProof.of(0, 1, List.of()).rootFor(LEAVES.getFirst())).isEqualTo(LEAVES.getFirst());
    }
}
