package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Witness cosignatures per C2SP tlog-cosignature, with the signed bytes rebuilt here by hand. */
class CosignatureTest {

    private static final String ORIGIN = "example.com/behind-the-sofa";
    private static final Checkpoint CHECKPOINT =
            new Checkpoint(ORIGIN, 20_852_163, Hash.fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
    private static final long TIME = 1_679_315_147L;

    @Test
    void sign_ed25519Cosigner_signsTheCosignatureV1Message() throws Exception {
        NoteSigner witness = NoteSigner.ed25519Cosigner("witness.example.com/w1", TestKeys.WITNESS_ED25519,
                TestKeys.CLOCK);
        NoteSignature line = witness.sign(CHECKPOINT.text());

        byte[] value = line.signature();
        assertThat(value).hasSize(8 + 64);
        assertThat(ByteBuffer.wrap(value, 0, 8).getLong()).isEqualTo(TIME);
        byte[] message = ("cosignature/v1\ntime 1679315147\n" + CHECKPOINT.text()).getBytes(StandardCharsets.UTF_8);
        Signature jca = Signature.getInstance("Ed25519");
        jca.initSign(TestKeys.WITNESS_ED25519.getPrivate());
        jca.update(message);
        assertThat(Arrays.copyOfRange(value, 8, 72)).isEqualTo(jca.sign());
        byte[] material = java.util.Base64.getDecoder().decode(witness.verifierKey().vkey().split("\\+", 3)[2]);
        assertThat(material).hasSize(33).startsWith(0x04);
    }

    @Test
    void verify_ed25519Cosignature_reportsItsTime() throws Exception {
        NoteSigner log = NoteSigner.ed25519(ORIGIN, TestKeys.LOG_ED25519);
        NoteSigner witness = NoteSigner.ed25519Cosigner("witness.example.com/w1", TestKeys.WITNESS_ED25519,
                TestKeys.CLOCK);
        Note note = Note.sign(CHECKPOINT.text(), List.of(log)).withSignatures(List.of(witness.sign(CHECKPOINT.text())));

        VerifiedNote verified = NoteVerifier.requiringAll(List.of(log.verifierKey(), witness.verifierKey()))
                .verify(Note.parse(note.encode()));

        assertThat(verified.verified().get(0).timestamp()).isEmpty();
        assertThat(verified.verified().get(1).timestamp()).contains(Instant.ofEpochSecond(TIME));
    }

    @Test
    void verify_ed25519CosignatureWithAlteredTime_isRejected() throws Exception {
        NoteSigner witness = NoteSigner.ed25519Cosigner("w", TestKeys.WITNESS_ED25519, TestKeys.CLOCK);
        NoteSignature line = witness.sign(CHECKPOINT.text());
        byte[] value = line.signature();
        value[7] ^= 1;
        Note note = new Note(CHECKPOINT.text(), List.of(new NoteSignature("w", line.keyId(), value)));
        assertThatThrownBy(() -> NoteVerifier.requiringAll(List.of(witness.verifierKey())).verify(note))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void sign_mlDsa65Cosigner_signsTheSubtreeV1Message() throws Exception {
        String name = "witness.example.com/pq";
        NoteSigner witness = NoteSigner.mlDsa65Cosigner(name, TestKeys.WITNESS_ML_DSA_65, TestKeys.CLOCK);
        Checkpoint withExtension = new Checkpoint(ORIGIN, CHECKPOINT.size(), CHECKPOINT.root(), List.of("ext"));
        NoteSignature line = witness.sign(withExtension.text());

        byte[] value = line.signature();
        assertThat(value).hasSize(8 + 3309);
        assertThat(ByteBuffer.wrap(value, 0, 8).getLong()).isEqualTo(TIME);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes("subtree/v1\n\0".getBytes(StandardCharsets.US_ASCII));
        message.write(name.length());
        message.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(ByteBuffer.allocate(8).putLong(TIME).array());
        message.write(ORIGIN.length());
        message.writeBytes(ORIGIN.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(ByteBuffer.allocate(16).putLong(0).putLong(CHECKPOINT.size()).array());
        message.writeBytes(CHECKPOINT.root().bytes());
        Signature jca = Signature.getInstance("ML-DSA-65");
        jca.initVerify(TestKeys.WITNESS_ML_DSA_65.getPublic());
        jca.update(message.toByteArray());
        assertThat(jca.verify(Arrays.copyOfRange(value, 8, value.length))).isTrue();

        VerifiedNote verified = NoteVerifier.requiringAll(List.of(witness.verifierKey()))
                .verify(new Note(withExtension.text(), List.of(line)));
        assertThat(verified.verified().getFirst().timestamp()).contains(Instant.ofEpochSecond(TIME));
    }

    @Test
    void verify_mlDsa65CosignatureUnderAnotherName_isRejected() throws Exception {
        // The subtree/v1 message commits to the cosigner's name, so the same key under another name fails.
        NoteSigner witness = NoteSigner.mlDsa65Cosigner("w1", TestKeys.WITNESS_ML_DSA_65, TestKeys.CLOCK);
        NoteSigner renamed = NoteSigner.mlDsa65Cosigner("w2", TestKeys.WITNESS_ML_DSA_65, TestKeys.CLOCK);
        NoteSignature line = witness.sign(CHECKPOINT.text());
        NoteSignature moved = new NoteSignature("w2", renamed.verifierKey().keyId(), line.signature());
        assertThatThrownBy(() -> NoteVerifier.requiringAll(List.of(renamed.verifierKey()))
                .verify(new Note(CHECKPOINT.text(), List.of(moved)))).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void sign_mlDsa65CosignerOnNonCheckpoint_isRefused() throws Exception {
        NoteSigner witness = NoteSigner.mlDsa65Cosigner("w", TestKeys.WITNESS_ML_DSA_65, TestKeys.CLOCK);
        assertThatThrownBy(() -> witness.sign("just some text\n")).isInstanceOf(MalformedCheckpointException.class);
    }
}
