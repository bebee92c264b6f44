package sovereign.munin.keep.log;

import java.util.List;
import java.util.Objects;

/**
 * A note after verification: which signatures verified, and which came from unknown keys and were ignored.
 *
 * @param note the note as parsed
 * @param verified signatures from known keys, all valid
 * @param ignored signatures from keys the verifier does not know
 */
public record VerifiedNote(Note note, List<VerifiedSignature> verified, List<NoteSignature> ignored) {

    public VerifiedNote {
        Objects.requireNonNull(note, "note");
        verified = List.copyOf(verified);
        ignored = List.copyOf(ignored);
    }

    /** The signed text, now trusted as far as the verifier's keys are. */
    public String text() {
        return note.text();
    }
}
