package sovereign.munin.keep.log;

import java.util.Objects;

/**
 * A checkpoint whose note verified, kept together with that note so that evidence of misbehaviour can be shown.
 *
 * @param checkpoint the parsed checkpoint
 * @param note the verified note it came from
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, VerifiedNote note) {

    public VerifiedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(note, "note");
        if (!checkpoint.text().equals(note.text())) {
            throw new IllegalArgumentException("checkpoint is not the text of the note");
        }
    }

    /**
     * Parses and verifies a checkpoint note of the log {@code origin}.
     *
     * @throws MalformedNoteException if the bytes are not a canonical note
     * @throws BadSignatureException if a known key's signature fails
     * @throws MissingSignatureException if a required key did not sign
     * @throws MalformedCheckpointException if the text is not a checkpoint of {@code origin}
     */
    public static VerifiedCheckpoint open(byte[] noteBytes, String origin, NoteVerifier verifier) throws LogException {
        VerifiedNote note = verifier.verify(Note.parse(noteBytes));
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (!checkpoint.origin().equals(origin)) {
            throw new MalformedCheckpointException("checkpoint is for origin " + checkpoint.origin() + ", not "
                    + origin);
        }
        return new VerifiedCheckpoint(checkpoint, note);
    }

    public long size() {
        return checkpoint.size();
    }

    public Hash root() {
        return checkpoint.root();
    }
}
