package sovereign.munin.keep.log.witness;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.export.ExportReport;

/**
 * What a witness cosigned.
 *
 * @param report the verification of the export that was cosigned
 * @param cosignature the checkpoint text with only this witness's cosignature lines, as written to {@code file}
 * @param file where the cosignature was written, {@code cosignatures/<witness name>.cosig} in the export
 * @param previous the checkpoint this witness had cosigned before for the log, if any
 * @param pinnedNow true if this cosign pinned the log's keys, being the witness's first for the log
 */
public record CosignResult(ExportReport report, Note cosignature, Path file, Optional<Checkpoint> previous,
        boolean pinnedNow) {

    public CosignResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(cosignature, "cosignature");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(previous, "previous");
    }
}
