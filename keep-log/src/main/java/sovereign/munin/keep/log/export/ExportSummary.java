package sovereign.munin.keep.log.export;

import java.nio.file.Path;
import java.util.Objects;
import sovereign.munin.keep.log.Checkpoint;

/**
 * What {@link TlogExportWriter} wrote.
 *
 * @param directory the export directory, now complete
 * @param checkpoint the checkpoint the export is for
 * @param entries number of entries written
 * @param tiles number of hash tiles written
 * @param bundles number of entry bundles written
 * @param bytes total bytes written
 */
public record ExportSummary(Path directory, Checkpoint checkpoint, long entries, long tiles, long bundles,
        long bytes) {

    public ExportSummary {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
