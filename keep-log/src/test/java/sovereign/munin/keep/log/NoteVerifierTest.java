package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A log's checkpoints carry Ed25519 and ML-DSA-65 signatures; by default a verifier requires both. */
class NoteVerifierTest {

    private static final String ORIGIN = "log.example/keep";
    private static final String TEXT = new Checkpoint(ORIGIN, 3, ReferenceTree.mth(ReferenceTree.leaves(3))).text();

    private static NoteSigner ed25519;
    private static NoteSigner mlDsa65;
    private static NoteVerifier both;

    @BeforeAll
    static void keys() throws LogException {
        ed25519 = NoteSigner.ed25519(ORIGIN, TestKeys.LOG_ED25519);
        mlDsa65 = NoteSigner.mlDsa65(ORIGIN, TestKeys.LOG_ML_DSA_65);
        both = NoteVerifier.requiringAll(List.of(ed25519.verifierKey(), mlDsa65.verifierKey()));
    }

    @Test
    void verify_bothLogSignatures_verifies() throws LogException {
        Note note = Note.sign(TEXT, List.of(ed25519, mlDsa65));
        VerifiedNote verified = both.verify(Note.parse(note.encode()));
        assertThat(verified.verified()).extracting(VerifiedSignature::key)
                .containsExactly(ed25519.verifierKey(), mlDsa65.verifierKey());
        assertThat(verified.ignored()).isEmpty();
        assertThat(note.signatures().get(1).signature()).hasSize(3309);
    }

    @Test
    void verify_onlyEd25519_namesTheMissingMlDsaKey() throws LogException {
        Note note = Note.sign(TEXT, List.of(ed25519));
        assertThatThrownBy(() -> both.verify(note)).isInstanceOf(MissingSignatureException.class)
                .hasMessageContaining(mlDsa65.verifierKey().keyIdHex())
                .satisfies(e -> assertThat(((MissingSignatureException) e).missing())
                        .containsExactly(mlDsa65.verifierKey()));
    }

    @Test
    void verify_unknownKey_isIgnoredNotAnError() throws LogException {
        NoteSigner stranger = NoteSigner.ed25519("stranger.example", TestKeys.OTHER_ED25519);
        // Same name as the log but another key: the key ID differs, so it is unknown too.
        NoteSigner impostor = NoteSigner.ed25519(ORIGIN, TestKeys.OTHER_ED25519);
        Note note = Note.sign(TEXT, List.of(stranger, ed25519, impostor, mlDsa65));
        VerifiedNote verified = both.verify(note);
        assertThat(verified.verified()).hasSize(2);
        assertThat(verified.ignored()).containsExactly(note.signatures().get(0), note.signatures().get(2));
    }

    @Test
    void verify_onlyUnknownKeys_isRejected() throws LogException {
        NoteVerifier anyOne = NoteVerifier.of(List.of(ed25519.verifierKey(), mlDsa65.verifierKey()), List.of());
        Note note = Note.sign(TEXT, List.of(NoteSigner.ed25519("stranger.example", TestKeys.OTHER_ED25519)));
        assertThatThrownBy(() -> anyOne.verify(note)).isInstanceOf(MissingSignatureException.class);
        assertThat(anyOne.verify(Note.sign(TEXT, List.of(mlDsa65))).verified()).hasSize(1);
    }

    @Test
    void verify_tamperedText_failsTheKnownKeysSignature() throws LogException {
        Note note = Note.sign(TEXT, List.of(ed25519, mlDsa65));
        Note tampered = new Note(TEXT.replace("\n3\n", "\n4\n"), note.signatures());
        assertThatThrownBy(() -> both.verify(tampered)).isInstanceOf(BadSignatureException.class)
                .satisfies(e -> assertThat(((BadSignatureException) e).key()).isEqualTo(ed25519.verifierKey()));
    }

    @Test
    void verify_mlDsaSignatureAlone_tamperedIsRejected() throws LogException {
        NoteSignature good = mlDsa65.sign(TEXT);
        byte[] bytes = good.signature();
        bytes[100] ^= 1;
        Note note = new Note(TEXT, List.of(ed25519.sign(TEXT),
                new NoteSignature(good.keyName(), good.keyId(), bytes)));
        assertThatThrownBy(() -> both.verify(note)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void verify_sameKeyTwice_isRejected() throws LogException {
        NoteSignature signature = ed25519.sign(TEXT);
        Note note = new Note(TEXT, List.of(signature, signature, mlDsa65.sign(TEXT)));
        assertThatThrownBy(() -> both.verify(note)).isInstanceOf(MalformedNoteException.class);
    }

    @Test
    void signer_privateKeyOfAnotherPair_isRefused() {
        var mismatched = new java.security.KeyPair(TestKeys.LOG_ED25519.getPublic(),
                TestKeys.OTHER_ED25519.getPrivate());
        assertThatThrownBy(() -> NoteSigner.ed25519(ORIGIN, mismatched)).isInstanceOf(MalformedKeyException.class);
        var wrongAlgorithm = new java.security.KeyPair(TestKeys.LOG_ML_DSA_65.getPublic(),
                TestKeys.LOG_ED25519.getPrivate());
        assertThatThrownBy(() -> NoteSigner.mlDsa65(ORIGIN, wrongAlgorithm)).isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void sign_ed25519_isDeterministic() throws LogException {
        assertThat(ed25519.sign(TEXT)).isEqualTo(ed25519.sign(TEXT));
        assertThatThrownBy(() -> ed25519.sign("no newline")).isInstanceOf(MalformedNoteException.class);
    }
}
