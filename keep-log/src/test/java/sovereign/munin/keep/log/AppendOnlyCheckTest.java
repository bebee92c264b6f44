package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppendOnlyCheckTest {

    private static final String ORIGIN = "log.example/keep";
    private static final List<Hash> LEAVES = ReferenceTree.leaves(20);

    private static NoteSigner signer;
    private static NoteVerifier verifier;
    private static MerkleTree tree;

    @BeforeAll
    static void setUp() throws LogException {
        signer = NoteSigner.ed25519(ORIGIN, TestKeys.LOG_ED25519);
        verifier = NoteVerifier.requiringAll(List.of(signer.verifierKey()));
        InMemoryHashStore store = new InMemoryHashStore();
        store.appendLeaves(LEAVES);
        tree = new MerkleTree(store);
    }

    private static VerifiedCheckpoint checkpoint(long size, Hash root) throws LogException {
        Note note = Note.sign(new Checkpoint(ORIGIN, size, root).text(), List.of(signer));
        return VerifiedCheckpoint.open(note.encode(), ORIGIN, verifier);
    }

    private static VerifiedCheckpoint honest(int size) throws LogException {
        return checkpoint(size, ReferenceTree.mth(LEAVES.subList(0, size)));
    }

    @Test
    void verify_extensionWithProof_isAccepted() throws LogException {
        AppendOnlyCheck.verify(honest(7), honest(20), tree.consistencyProof(7, 20));
        AppendOnlyCheck.verify(honest(7), honest(7), null);
        AppendOnlyCheck.verify(honest(0), honest(20), null);
    }

    @Test
    void verify_shrinkingTree_isReportedAsSuch() throws LogException {
        VerifiedCheckpoint older = honest(20);
        VerifiedCheckpoint newer = honest(7);
        assertThatThrownBy(() -> AppendOnlyCheck.verify(older, newer, null))
                .isInstanceOfSatisfying(ShrinkingTreeException.class, e -> {
                    assertThat(e.older()).isEqualTo(older);
                    assertThat(e.newer()).isEqualTo(newer);
                });
    }

    @Test
    void verify_sameSizeDifferentRoot_isAForkCarryingBothNotes() throws LogException {
        VerifiedCheckpoint held = honest(7);
        VerifiedCheckpoint forked = checkpoint(7, ReferenceTree.mth(ReferenceTree.leaves(7).reversed()));
        assertThatThrownBy(() -> AppendOnlyCheck.verify(held, forked, null))
                .isInstanceOfSatisfying(ForkException.class, e -> {
                    assertThat(e.first().note().note()).isEqualTo(held.note().note());
                    assertThat(e.second().note().note()).isEqualTo(forked.note().note());
                });
    }

    @Test
    void verify_growthWithForeignRoot_failsTheProof() throws LogException {
        VerifiedCheckpoint forked = checkpoint(20, ReferenceTree.mth(ReferenceTree.leaves(21).subList(1, 21)));
        assertThatThrownBy(() -> AppendOnlyCheck.verify(honest(7), forked, tree.consistencyProof(7, 20)))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void verify_missingOrMismatchedProof_isRejected() throws LogException {
        VerifiedCheckpoint older = honest(7);
        VerifiedCheckpoint newer = honest(20);
        assertThatThrownBy(() -> AppendOnlyCheck.verify(older, newer, null))
                .isInstanceOf(InvalidProofException.class);
        ConsistencyProof other = tree.consistencyProof(8, 20);
        assertThatThrownBy(() -> AppendOnlyCheck.verify(older, newer, other))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("from 8 to 20");
    }

    @Test
    void open_checkpointOfAnotherOrigin_isRejected() throws LogException {
        Note note = Note.sign(new Checkpoint("other.example", 1, LEAVES.getFirst()).text(), List.of(signer));
        assertThatThrownBy(() -> VerifiedCheckpoint.open(note.encode(), ORIGIN, verifier))
                .isInstanceOf(MalformedCheckpointException.class);
    }
}
