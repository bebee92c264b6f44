package sovereign.munin.keep.log.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.internal.SafeFiles;

class TlogExportVerifierTest {

    @TempDir
    Path base;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 256, 257, 65_793})
    void verify_goodExport_reportsSizeRootKeysAndEntries(int size) throws Exception {
        TestLog log = TestLog.of(size);
        Path dir = base.resolve("export");
        log.export(dir);
        List<Long> progress = new ArrayList<>();

        ExportReport report = verifier().verify(dir, progress::add);

        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.origin()).isEqualTo(TestLog.ORIGIN);
        assertThat(report.treeSize()).isEqualTo(size);
        assertThat(report.entriesChecked()).isEqualTo(size);
        assertThat(report.tilesChecked()).isEqualTo(sovereign.munin.keep.log.TileId.tilesOf(size).size());
        assertThat(report.verifiedKeys()).containsExactlyElementsOf(TestLog.keys());
        assertThat(progress.isEmpty() ? 0L : progress.getLast()).isEqualTo(size);
    }

    @Test
    void verify_changedEntry_namesTheEntryAndTheRoot() throws Exception {
        Path dir = exportOf(15);
        byte[] bundle = Files.readAllBytes(dir.resolve("tile/entries/000.p/15"));
        bundle[3] ^= 1; // first byte of entry 0, after its two-byte length
        Files.write(dir.resolve("tile/entries/000.p/15"), bundle);

        ExportReport report = verifier().verify(dir, n -> {});

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(ExportProblem::path, ExportProblem::leafIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tile/entries/000.p/15", OptionalLong.of(0)),
                        org.assertj.core.groups.Tuple.tuple("checkpoint", OptionalLong.empty()));
        assertThat(report.problems().getFirst().message()).contains("does not hash to its leaf hash");
    }

    @Test
    void verify_removedTile_isReportedWithItsPath() throws Exception {
        Path dir = exportOf(300);
        Files.delete(dir.resolve("tile/1/000.p/1"));

        assertThat(problems(dir)).containsExactly("tile/1/000.p/1: missing");
    }

    @Test
    void verify_removedLevelZeroTile_isReportedAndTheRootStillChecked() throws Exception {
        Path dir = exportOf(300);
        Files.delete(dir.resolve("tile/0/001.p/44"));

        assertThat(problems(dir)).containsExactly("tile/0/001.p/44: missing");
    }

    @Test
    void verify_truncatedTile_isReported() throws Exception {
        Path dir = exportOf(300);
        byte[] tile = Files.readAllBytes(dir.resolve("tile/0/000"));
        Files.write(dir.resolve("tile/0/000"), java.util.Arrays.copyOf(tile, tile.length - 1));

        assertThat(problems(dir)).containsExactly("tile/0/000: truncated: 8191 of 8192 bytes");
    }

    @Test
    void verify_extraLongTile_isReported() throws Exception {
        Path dir = exportOf(300);
        Files.write(dir.resolve("tile/1/000.p/1"), new byte[33]);

        assertThat(problems(dir)).containsExactly("tile/1/000.p/1: is 33 bytes, more than the 32 allowed");
    }

    @Test
    void verify_changedUpperTile_isReported() throws Exception {
        Path dir = exportOf(300);
        Files.write(dir.resolve("tile/1/000.p/1"), new byte[32]);

        assertThat(problems(dir)).containsExactly(
                "tile/1/000.p/1: hash 0 differs from the one recomputed from the entries");
    }

    @Test
    void verify_extraLongEntryBundle_isReported() throws Exception {
        Path dir = exportOf(15);
        Files.write(dir.resolve("tile/entries/000.p/15"), new byte[] {0, 0},
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(problems(dir)).containsExactly(
                "tile/entries/000.p/15: entry bundle has bytes after its 15 entries");
    }

    @Test
    void verify_bundleAndTileBothMissing_saysWhatCouldNotBeChecked() throws Exception {
        Path dir = exportOf(300);
        Files.delete(dir.resolve("tile/0/000"));
        Files.delete(dir.resolve("tile/entries/000"));

        assertThat(problems(dir)).containsExactly("tile/entries/000: missing", "tile/0/000: missing",
                "tile/entries/000 (entry 0): neither the entries nor their hashes can be read, so no tile above "
                        + "level 0 and not the root could be checked");
    }

    @Test
    void verify_extraGarbageFiles_areIgnored() throws Exception {
        Path dir = exportOf(300);
        Files.writeString(dir.resolve("README"), "garbage");
        Files.write(dir.resolve("tile/0/002"), new byte[7]);
        Files.createDirectories(dir.resolve("tile/0/000.p"));
        Files.write(dir.resolve("tile/0/000.p/9"), new byte[9]);

        assertThat(problems(dir)).isEmpty();
    }

    @Test
    void verify_symbolicLinkToAGoodTile_isRefused() throws Exception {
        Path dir = exportOf(300);
        Path elsewhere = base.resolve("elsewhere");
        Files.move(dir.resolve("tile/1/000.p/1"), elsewhere);
        Files.createSymbolicLink(dir.resolve("tile/1/000.p/1"), elsewhere);

        assertThat(problems(dir)).containsExactly("tile/1/000.p/1: is a symbolic link; only regular files are read");
    }

    @Test
    void verify_symbolicLinkedDirectory_isRefused() throws Exception {
        Path dir = exportOf(15);
        Path elsewhere = base.resolve("entries-elsewhere");
        Files.move(dir.resolve("tile/entries"), elsewhere);
        Files.createSymbolicLink(dir.resolve("tile/entries"), elsewhere);

        assertThat(problems(dir)).first().asString()
                .startsWith("tile/entries/000.p/15: tile/entries is a symbolic link or a file");
    }

    @Test
    void verify_moreProblemsThanTheLimit_stopsEarly() throws Exception {
        Path dir = exportOf(2_560);
        SafeFiles.deleteTree(dir.resolve("tile/0"));
        SafeFiles.deleteTree(dir.resolve("tile/entries"));
        TlogExportVerifier verifier = new TlogExportVerifier(NoteVerifier.requiringAll(TestLog.keys()),
                Optional.empty(), new TlogExportVerifier.Limits(1 << 20, 1 << 30, 4));

        ExportReport report = verifier.verify(dir, n -> {});

        assertThat(report.problems()).hasSize(5);
        assertThat(report.problems().getLast().message()).isEqualTo("stopped after 4 problems");
    }

    static Path exportOf(Path base, TestLog log) throws Exception {
        Path dir = base.resolve("export");
        log.export(dir);
        return dir;
    }

    private Path exportOf(int size) throws Exception {
        return exportOf(base, TestLog.of(size));
    }

    private static List<String> problems(Path dir) throws Exception {
        return verifier().verify(dir, n -> {}).problems().stream().map(ExportProblem::toString).toList();
    }

    static TlogExportVerifier verifier() throws Exception {
        return TlogExportVerifier.requiringAll(TestLog.keys());
    }
}
