package sovereign.munin.keep.log.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.VerifiedCheckpoint;
import sovereign.munin.keep.log.VerifiedSignature;
import sovereign.munin.keep.log.VerifierKey;

/**
 * The outcome of verifying an exported log: its signed checkpoint, how much was recomputed, and every problem
 * found. An export is good only if {@link #ok()}.
 *
 * @param directory the export directory
 * @param checkpoint the export's checkpoint, whose signatures verified
 * @param entriesChecked entries read and hashed
 * @param tilesChecked hash tiles compared byte for byte with tiles recomputed from the entries
 * @param extended the older checkpoint this export was proven to extend, if one was given and the export is good
 * @param problems what is wrong, empty for a good export
 */
public record ExportReport(Path directory, VerifiedCheckpoint checkpoint, long entriesChecked, long tilesChecked,
        Optional<VerifiedCheckpoint> extended, List<ExportProblem> problems) {

    public ExportReport {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(extended, "extended");
        problems = List.copyOf(problems);
    }

    /** True if nothing is wrong: every file the checkpoint commits to is present and recomputes to its root. */
    public boolean ok() {
        return problems.isEmpty();
    }

    public String origin() {
        return checkpoint.checkpoint().origin();
    }

    public long treeSize() {
        return checkpoint.size();
    }

    public Hash root() {
        return checkpoint.root();
    }

    /** The keys whose signatures on the checkpoint verified. */
    public List<VerifierKey> verifiedKeys() {
        return checkpoint.note().verified().stream().map(VerifiedSignature::key).toList();
    }
}
