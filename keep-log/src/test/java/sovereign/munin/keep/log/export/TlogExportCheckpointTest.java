package sovereign.munin.keep.log.export;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.BadSignatureException;
import sovereign.munin.keep.log.MissingSignatureException;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.NoteVerifier;

/** An export whose checkpoint cannot be trusted is refused before any tile is read. */
class TlogExportCheckpointTest {

    @TempDir
    Path base;

    @Test
    void verify_checkpointSignedByAnUnknownKey_isRefused() throws Exception {
        TestLog log = TestLog.of(15);
        Path dir = exportOf(log);
        Files.write(dir.resolve("checkpoint"),
                log.checkpoint(List.of(NoteSigner.ed25519(TestLog.ORIGIN, TestLog.OTHER_ED25519))));

        assertThatThrownBy(() -> verifier().verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasMessageStartingWith("checkpoint: ")
                .hasCauseInstanceOf(MissingSignatureException.class);
    }

    @Test
    void verify_checkpointWithOneOfTwoRequiredSignatures_isRefused() throws Exception {
        TestLog log = TestLog.of(15);
        Path dir = exportOf(log);
        Files.write(dir.resolve("checkpoint"),
                log.checkpoint(List.of(NoteSigner.ed25519(TestLog.ORIGIN, TestLog.ED25519))));

        assertThatThrownBy(() -> verifier().verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasCauseInstanceOf(MissingSignatureException.class);
    }

    @Test
    void verify_modifiedCheckpoint_isRefused() throws Exception {
        Path dir = exportOf(15);
        String note = Files.readString(dir.resolve("checkpoint"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("checkpoint"), note.replaceFirst("\n15\n", "\n14\n"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier().verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasCauseInstanceOf(BadSignatureException.class);
    }

    @Test
    void verify_missingCheckpoint_isRefused() throws Exception {
        Path dir = exportOf(15);
        Files.delete(dir.resolve("checkpoint"));

        assertThatThrownBy(() -> verifier().verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasMessage("checkpoint: missing");
    }

    @Test
    void verify_otherOriginRequired_isRefused() throws Exception {
        Path dir = exportOf(15);
        TlogExportVerifier verifier = new TlogExportVerifier(NoteVerifier.requiringAll(TestLog.keys()),
                Optional.of("keep.example/other"), TlogExportVerifier.Limits.DEFAULT);

        assertThatThrownBy(() -> verifier.verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasMessageContaining("not keep.example/other");
    }

    @Test
    void verify_treeLargerThanTheLimit_isRefused() throws Exception {
        Path dir = exportOf(15);
        TlogExportVerifier verifier = new TlogExportVerifier(NoteVerifier.requiringAll(TestLog.keys()),
                Optional.empty(), new TlogExportVerifier.Limits(14, 1 << 20, 10));

        assertThatThrownBy(() -> verifier.verify(dir, n -> {}))
                .isInstanceOf(ExportException.class).hasMessageContaining("exceeds the 14 allowed");
    }

    private Path exportOf(int size) throws Exception {
        return exportOf(TestLog.of(size));
    }

    private Path exportOf(TestLog log) throws Exception {
        return TlogExportVerifierTest.exportOf(base, log);
    }

    private static TlogExportVerifier verifier() throws Exception {
        return TlogExportVerifierTest.verifier();
    }
}
