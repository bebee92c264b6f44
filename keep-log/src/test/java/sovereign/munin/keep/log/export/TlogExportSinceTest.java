package sovereign.munin.keep.log.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.ForkException;
import sovereign.munin.keep.log.MissingSignatureException;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.ShrinkingTreeException;

/** Verifying an export against a checkpoint from an earlier export of the same log. */
class TlogExportSinceTest {

    @TempDir
    Path base;

    @Test
    void verify_sinceAnEarlierExport_provesTheExtension() throws Exception {
        TestLog log = TestLog.of(300);
        Path first = export(log, "first");
        Path second = export(log.append(700), "second");

        ExportReport report = verify(second, first);

        assertThat(report.ok()).isTrue();
        assertThat(report.extended()).get().extracting(c -> c.size()).isEqualTo(300L);
    }

    @Test
    void verify_sinceTheSameCheckpoint_passes() throws Exception {
        Path only = export(TestLog.of(42), "only");

        assertThat(verify(only, only).extended()).isPresent();
    }

    @Test
    void verify_sinceAnEmptyTree_passes() throws Exception {
        TestLog log = TestLog.of(0);
        Path empty = export(log, "empty");
        Path later = export(log.append(5), "later");

        assertThat(verify(later, empty).extended()).isPresent();
    }

    @Test
    void verify_sinceAForkOfTheSameSize_throwsAForkWithBothNotes() throws Exception {
        Path ours = export(TestLog.of(20), "ours");
        Path forked = export(TestLog.of(20, "rewritten"), "forked");
        byte[] ourNote = read(ours);
        byte[] forkedNote = read(forked);
        String ourRoot = checkpoint(ours).root().toString();
        String forkedRoot = checkpoint(forked).root().toString();

        assertThatThrownBy(() -> verify(forked, ours))
                .isInstanceOfSatisfying(ForkException.class, e -> {
                    assertThat(e.first().note().note().encode()).isEqualTo(ourNote);
                    assertThat(e.second().note().note().encode()).isEqualTo(forkedNote);
                })
                .hasMessageContaining(ourRoot).hasMessageContaining(forkedRoot);
    }

    @Test
    void verify_sinceALargerTree_throwsShrinking() throws Exception {
        TestLog log = TestLog.of(10);
        Path small = export(log, "small");
        Path large = export(log.append(10), "large");

        assertThatThrownBy(() -> verify(small, large))
                .isInstanceOf(ShrinkingTreeException.class).hasMessageContaining("shrank from 20 to 10");
    }

    @Test
    void verify_sinceASmallerTreeThatIsNotAPrefix_throwsInconsistent() throws Exception {
        Path ours = export(TestLog.of(100), "ours");
        Path forked = export(TestLog.of(300, "rewritten"), "forked");

        assertThatThrownBy(() -> verify(forked, ours))
                .isInstanceOfSatisfying(InconsistentTreeException.class, e -> {
                    assertThat(e.older().size()).isEqualTo(100);
                    assertThat(e.newer().size()).isEqualTo(300);
                })
                .hasMessageContaining("does not extend");
    }

    @Test
    void verify_sinceACheckpointNotSignedByTheLogKeys_isRefused() throws Exception {
        TestLog log = TestLog.of(10);
        byte[] foreign = log.checkpoint(List.of(NoteSigner.ed25519(TestLog.ORIGIN, TestLog.OTHER_ED25519)));
        Path second = export(log.append(1), "second");

        assertThatThrownBy(() -> TlogExportVerifierTest.verifier().verify(second, Optional.of(foreign), n -> {}))
                .isInstanceOf(ExportException.class).hasMessageStartingWith("older checkpoint: ")
                .hasCauseInstanceOf(MissingSignatureException.class);
        byte[] garbage = "not a note".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TlogExportVerifierTest.verifier().verify(second, Optional.of(garbage), n -> {}))
                .isInstanceOf(ExportException.class).hasMessageStartingWith("older checkpoint: ");
    }

    @Test
    void verify_exportWithProblems_isNotProvenToExtend() throws Exception {
        TestLog log = TestLog.of(10);
        Path first = export(log, "first");
        Path second = export(log.append(300), "second");
        Files.delete(second.resolve("tile/1/000.p/1"));

        ExportReport report = verify(second, first);

        assertThat(report.ok()).isFalse();
        assertThat(report.extended()).isEmpty();
    }

    private Path export(TestLog log, String name) throws Exception {
        Path dir = base.resolve(name);
        log.export(dir);
        return dir;
    }

    private static ExportReport verify(Path export, Path older) throws Exception {
        return TlogExportVerifierTest.verifier().verify(export, Optional.of(read(older)), n -> {});
    }

    private static byte[] read(Path export) throws Exception {
        return Files.readAllBytes(export.resolve("checkpoint"));
    }

    private static Checkpoint checkpoint(Path export) throws Exception {
        return Checkpoint.parse(Note.parse(read(export)).text());
    }
}
