package sovereign.munin.keep.log.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.EntryBundle;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.TileId;

class TlogExportWriterTest {

    @TempDir
    Path base;

    @Test
    void write_300Entries_writesExactlyTheTreesTilesBundlesAndCheckpoint() throws Exception {
        TestLog log = TestLog.of(300);
        ExportSummary summary = log.export(base.resolve("export"));

        assertThat(files(base.resolve("export"))).containsExactlyInAnyOrder("checkpoint",
                "tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1", "tile/entries/000", "tile/entries/001.p/44");
        assertThat(Note.parse(Files.readAllBytes(base.resolve("export/checkpoint"))).text())
                .isEqualTo(Note.parse(log.checkpoint()).text());
        assertThat(summary.entries()).isEqualTo(300);
        assertThat(summary.tiles()).isEqualTo(3);
        assertThat(summary.bundles()).isEqualTo(2);
        assertThat(base.toFile().list()).containsExactly("export");
    }

    @Test
    void write_tilesAndBundles_equalWhatTheTreeAndEntriesGive() throws Exception {
        TestLog log = TestLog.of(300);
        Path dir = base.resolve("export");
        log.export(dir);

        MerkleTree tree = new MerkleTree(log.store());
        for (TileId id : TileId.tilesOf(300)) {
            assertThat(Files.readAllBytes(dir.resolve(id.path()))).as(id.path()).isEqualTo(tree.tile(id, 300).encode());
        }
        EntryBundle bundle = EntryBundle.parse(Files.readAllBytes(dir.resolve("tile/entries/001.p/44")), 44);
        assertThat(bundle.entry(0)).isEqualTo(log.entries().get(256));
    }

    @Test
    void write_emptyTree_writesOnlyTheCheckpoint() throws Exception {
        TestLog.of(0).export(base.resolve("export"));

        assertThat(files(base.resolve("export"))).containsExactly("checkpoint");
    }

    @Test
    void write_emptyTargetDirectory_isFilled() throws Exception {
        Files.createDirectory(base.resolve("export"));

        TestLog.of(3).export(base.resolve("export"));

        assertThat(files(base.resolve("export"))).contains("checkpoint", "tile/0/000.p/3");
    }

    @Test
    void write_targetNotEmpty_isRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(base.resolve("export"));
        Files.writeString(base.resolve("export/mine.txt"), "keep me");

        assertThatThrownBy(() -> TestLog.of(3).export(base.resolve("export")))
                .isInstanceOf(ExportException.class).hasMessageContaining("not an empty directory");
        assertThat(files(base.resolve("export"))).containsExactly("mine.txt");
        assertThat(base.toFile().list()).containsExactly("export");
    }

    @Test
    void write_entryThatDoesNotMatchTheTree_isRefusedAndNothingIsLeft() throws Exception {
        TestLog log = TestLog.of(300);
        EntrySource wrong = (from, count) -> {
            List<byte[]> batch = new ArrayList<>(log.entries().subList((int) from, (int) from + count));
            if (from == 256) {
                batch.set(3, "forged".getBytes());
            }
            return batch;
        };

        assertThatThrownBy(() -> new TlogExportWriter(log.store(), wrong)
                .write(base.resolve("export"), log.checkpoint(), n -> {}))
                .isInstanceOf(ExportException.class).hasMessageContaining("entry 259 does not hash");
        assertThat(base.toFile().list()).isEmpty();
    }

    @Test
    void write_sourceReturningTooFewEntries_isRefused() throws Exception {
        TestLog log = TestLog.of(10);

        assertThatThrownBy(() -> new TlogExportWriter(log.store(), (from, count) -> log.entries().subList(0, 9))
                .write(base.resolve("export"), log.checkpoint(), n -> {}))
                .isInstanceOf(ExportException.class).hasMessageContaining("returned 9 entries for the 10");
        assertThat(base.toFile().list()).isEmpty();
    }

    @Test
    void write_checkpointOfAnotherTree_isRefused() throws Exception {
        TestLog log = TestLog.of(10);
        byte[] otherCheckpoint = TestLog.of(10, "other").checkpoint();

        assertThatThrownBy(() -> new TlogExportWriter(log.store(), (from, count) -> log.entries())
                .write(base.resolve("export"), otherCheckpoint, n -> {}))
                .isInstanceOf(ExportException.class).hasMessageContaining("not the stored tree's root");
        assertThat(base.toFile().list()).isEmpty();
    }

    @Test
    void write_progress_isToldTheEntriesWrittenAfterEachBundle() throws Exception {
        TestLog log = TestLog.of(600);
        List<Long> progress = new ArrayList<>();

        new TlogExportWriter(log.store(), (from, count) -> log.entries().subList((int) from, (int) from + count))
                .write(base.resolve("export"), log.checkpoint(), progress::add);

        assertThat(progress).containsExactly(256L, 512L, 600L);
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
