package sovereign.munin.keep.log.witness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSignature;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.export.ExportReport;
import sovereign.munin.keep.log.export.TlogExportVerifier;
import sovereign.munin.keep.log.internal.NoteText;
import sovereign.munin.keep.log.internal.SafeFiles;

/**
 * A witness that cosigns exported logs on a separate machine: it verifies an export with the log's pinned keys,
 * checks that the log only grew since the checkpoint it last cosigned, and only then cosigns and remembers.
 *
 * <p>Its directory holds {@value #KEY_FILE} (both private keys, owner-only), {@value #VKEYS_FILE} and
 * {@value #STATE_DIR}/; see {@code keep-log/README-formats.md}.
 */
public final class Witness {

    public static final String KEY_FILE = "witness-key.pem";
    public static final String VKEYS_FILE = "witness.vkeys";
    public static final String STATE_DIR = "state";
    /** The folder of an export that receives cosignatures, one {@code <witness name>.cosig} file per witness. */
    public static final String COSIGNATURES_DIR = "cosignatures";

    private final WitnessKeys keys;
    private final List<NoteSigner> cosigners;
    private final WitnessState state;

    private Witness(WitnessKeys keys, Path directory, Clock clock) throws LogException {
        this.keys = keys;
        this.cosigners = keys.cosigners(clock);
        this.state = new WitnessState(directory.resolve(STATE_DIR));
    }

    /** Creates a new witness in {@code directory}, which must not exist or be empty; nothing is ever overwritten. */
    public static Witness create(Path directory, String name, Clock clock) throws LogException {
        return new Witness(WitnessFiles.create(directory, name), directory, clock);
    }

    /** Opens the witness in {@code directory}, refusing a key file that others can read. */
    public static Witness open(Path directory, Clock clock) throws LogException {
        return new Witness(WitnessFiles.load(directory), directory, clock);
    }

    public String name() {
        return keys.name();
    }

    /** The witness's cosignature keys (Ed25519, ML-DSA-65), which the log operator registers. */
    public List<VerifierKey> verifierKeys() {
        return keys.verifierKeys();
    }

    /**
     * Verifies the export in {@code exportDir} and cosigns its checkpoint, writing
     * {@code cosignatures/<name>.cosig} into it, then remembers the checkpoint. On the first cosign for a log,
     * {@code logKeys} are pinned for its origin; later they may be empty, or must equal the pinned keys.
     *
     * @throws WitnessException if the keys are missing or differ from the pinned ones, or the export has problems
     * @throws sovereign.munin.keep.log.ShrinkingTreeException if the log shrank since the last cosign
     * @throws sovereign.munin.keep.log.ForkException if it signed another root for the same size
     * @throws sovereign.munin.keep.log.export.InconsistentTreeException if it grew from a different tree
     */
    public CosignResult cosign(Path exportDir, List<VerifierKey> logKeys, LongConsumer progress)
            throws LogException {
        String origin = claimedOrigin(exportDir);
        Optional<WitnessState.Log> known = state.load(origin);
        List<VerifierKey> pinned = known.isPresent() ? known.get().logKeys() : pinNew(origin, logKeys);
        if (known.isPresent() && !logKeys.isEmpty() && !new HashSet<>(logKeys).equals(new HashSet<>(pinned))) {
            throw new WitnessException("the log keys given are not the ones pinned for " + origin + ": " + pinned);
        }
        Optional<byte[]> previous = known.flatMap(WitnessState.Log::checkpoint);
        ExportReport report = new TlogExportVerifier(NoteVerifier.requiringAll(pinned), Optional.of(origin),
                TlogExportVerifier.Limits.DEFAULT).verify(exportDir, previous, progress);
        if (!report.ok()) {
            throw new WitnessException("the export has " + report.problems().size() + " problem(s); not cosigned",
                    report.problems());
        }
        String text = report.checkpoint().note().text();
        List<NoteSignature> lines = new ArrayList<>(cosigners.size());
        for (NoteSigner cosigner : cosigners) {
            lines.add(cosigner.sign(text));
        }
        Note cosignature = new Note(text, lines);
        Path file = writeCosignature(exportDir, cosignature);
        state.save(origin, pinned, report.checkpoint().note().note().encode());
        Optional<Checkpoint> before = report.extended().map(c -> c.checkpoint());
        return new CosignResult(report, cosignature, file, before, known.isEmpty());
    }

    private List<VerifierKey> pinNew(String origin, List<VerifierKey> logKeys) throws LogException {
        if (logKeys.isEmpty()) {
            throw new WitnessException("no log keys are pinned for " + origin + "; give the log's keys on the "
                    + "first cosign");
        }
        for (VerifierKey key : logKeys) {
            Optional<String> other = state.originPinning(key);
            if (other.isPresent()) {
                throw new WitnessException("origin mismatch: log key " + key + " is pinned for " + other.get()
                        + ", but the export's checkpoint is for " + origin);
            }
        }
        return List.copyOf(logKeys);
    }

    /** The origin the export's checkpoint names, read only to find the pinned keys that will then verify it. */
    private static String claimedOrigin(Path exportDir) throws LogException {
        try {
            byte[] note = SafeFiles.readRegular(exportDir.resolve("checkpoint"), NoteText.MAX_NOTE_BYTES);
            return Checkpoint.parse(Note.parse(note).text()).origin();
        } catch (IOException e) {
            throw new WitnessException(exportDir.resolve("checkpoint") + ": "
                    + (e instanceof NoSuchFileException ? "missing" : e.toString()), e);
        }
    }

    private Path writeCosignature(Path exportDir, Note cosignature) throws WitnessException {
        Path folder = exportDir.resolve(COSIGNATURES_DIR);
        Path file = folder.resolve(keys.name() + ".cosig");
        try {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder);
            } else if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new WitnessException(folder + " is not a directory");
            }
            SafeFiles.replace(file, cosignature.encode());
            return file;
        } catch (IOException e) {
            throw new WitnessException("cannot write the cosignature " + file + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "Witness[" + keys.name() + "]";
    }
}
