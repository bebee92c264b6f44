package sovereign.munin.keep.log.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import sovereign.munin.keep.log.AppendOnlyCheck;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.ConsistencyProof;
import sovereign.munin.keep.log.ForkException;
import sovereign.munin.keep.log.InvalidProofException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MalformedKeyException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.ShrinkingTreeException;
import sovereign.munin.keep.log.TileHashReader;
import sovereign.munin.keep.log.VerifiedCheckpoint;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.internal.NoteText;

/**
 * Verifies a C2SP tlog-tiles export with nothing but its files and the log's keys: the checkpoint's signatures,
 * every entry bundle and tile the checkpoint commits to, recomputed from the entries, and the root; optionally, that
 * the export extends an older checkpoint of the same log.
 *
 * <p>Only the files of the checkpoint's tree are read; anything else in the directory (older partial tiles,
 * archived checkpoints, witnesses' cosignatures) is ignored, as it cannot change what was verified.
 */
public final class TlogExportVerifier {

    /**
     * Bounds on one verification.
     *
     * @param maxTreeSize largest tree size accepted from a checkpoint
     * @param maxTotalBytes most bytes read from the export in all
     * @param maxProblems problems reported before the check stops
     */
    public record Limits(long maxTreeSize, long maxTotalBytes, int maxProblems) {

        /** About a trillion entries or a terabyte, and 100 problems. */
        public static final Limits DEFAULT = new Limits(1L << 40, 1L << 40, 100);

        public Limits {
            if (maxTreeSize < 0 || maxTotalBytes < 0 || maxProblems < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private final NoteVerifier verifier;
    private final Optional<String> origin;
    private final Limits limits;

    /**
     * A verifier whose checkpoints must satisfy {@code verifier} and, if given, name {@code origin}; without an
     * origin, the checkpoint's own origin is accepted and reported.
     */
    public TlogExportVerifier(NoteVerifier verifier, Optional<String> origin, Limits limits) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A verifier that requires a signature from every one of {@code logKeys}, for any origin. */
    public static TlogExportVerifier requiringAll(List<VerifierKey> logKeys) throws MalformedKeyException {
        return new TlogExportVerifier(NoteVerifier.requiringAll(logKeys), Optional.empty(), Limits.DEFAULT);
    }

    /** Verifies the export in {@code directory}; see {@link #verify(Path, Optional, LongConsumer)}. */
    public ExportReport verify(Path directory, LongConsumer progress) throws LogException {
        return verify(directory, Optional.empty(), progress);
    }

    /**
     * Verifies the export in {@code directory} and, if {@code olderCheckpoint} (a signed checkpoint note of the same
     * log) is given, that the export's tree extends it. Problems with files are reported in the result; a
     * checkpoint that cannot be trusted, or evidence of a fork, is thrown.
     *
     * @param progress told the number of entries checked so far after each bundle
     * @throws ExportException if a checkpoint is missing, malformed or not signed as required, or a limit is hit
     * @throws ShrinkingTreeException if the export's tree is smaller than the older checkpoint's
     * @throws ForkException if both have the same size and different roots
     * @throws InconsistentTreeException if the export's tree is larger but does not contain the older tree
     */
    public ExportReport verify(Path directory, Optional<byte[]> olderCheckpoint, LongConsumer progress)
            throws LogException {
        Objects.requireNonNull(progress, "progress");
        ExportDirectory files = new ExportDirectory(directory, limits.maxTotalBytes());
        byte[] noteBytes;
        try {
            noteBytes = files.read("checkpoint", NoteText.MAX_NOTE_BYTES);
        } catch (IOException e) {
            throw new ExportException("checkpoint: " + ExportDirectory.describe(e), e);
        }
        VerifiedCheckpoint newer = open("checkpoint", noteBytes, origin);
        VerifiedCheckpoint older = null;
        if (olderCheckpoint.isPresent()) {
            older = open("older checkpoint", olderCheckpoint.get(), Optional.of(newer.checkpoint().origin()));
            if (older.size() >= newer.size()) {
                AppendOnlyCheck.verify(older, newer, null); // throws for a shrinking tree or a fork
            }
        }
        if (newer.size() > limits.maxTreeSize()) {
            throw new ExportException("the checkpoint's tree of " + newer.size() + " entries exceeds the "
                    + limits.maxTreeSize() + " allowed");
        }
        ContentCheck content = new ContentCheck(files, newer.size(), newer.root(), limits.maxProblems(), progress);
        content.run();
        Optional<VerifiedCheckpoint> extended = Optional.empty();
        if (older != null && content.problems().isEmpty()) {
            // Tiles now match the entries and the signed root, so a proof built from them is the log's own.
            if (older.size() > 0 && older.size() < newer.size()) {
                ConsistencyProof proof = new MerkleTree(new TileHashReader(files::tile, newer.size()))
                        .consistencyProof(older.size(), newer.size());
                try {
                    AppendOnlyCheck.verify(older, newer, proof);
                } catch (InvalidProofException e) {
                    throw new InconsistentTreeException(older, newer, e);
                }
            }
            extended = Optional.of(older);
        }
        return new ExportReport(directory, newer, content.entriesChecked(), content.tilesChecked(), extended,
                content.problems());
    }

    private VerifiedCheckpoint open(String what, byte[] noteBytes, Optional<String> expectedOrigin)
            throws ExportException {
        try {
            String noteOrigin = Checkpoint.parse(Note.parse(noteBytes).text()).origin();
            return VerifiedCheckpoint.open(noteBytes, expectedOrigin.orElse(noteOrigin), verifier);
        } catch (LogException e) {
            throw new ExportException(what + ": " + e.getMessage(), e);
        }
    }
}
