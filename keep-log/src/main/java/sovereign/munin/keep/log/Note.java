package sovereign.munin.keep.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.log.internal.NoteText;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, and one or more signature lines.
 *
 * <p>A note is not trusted because it parses: only {@link NoteVerifier} says which signatures hold. Parsing is
 * strict: at most {@value NoteText#MAX_NOTE_BYTES} bytes and {@value NoteText#MAX_SIGNATURES} signatures, and
 * the bytes must be exactly what {@link #encode()} writes for the parsed note.
 *
 * @param text the signed text, including its final newline
 * @param signatures the signature lines, in order
 */
public record Note(String text, List<NoteSignature> signatures) {

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    public Note {
        Objects.requireNonNull(text, "text");
        signatures = List.copyOf(signatures);
        String problem = NoteText.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (text.length() > NoteText.MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("note text exceeds " + NoteText.MAX_NOTE_BYTES + " characters");
        }
        if (signatures.isEmpty() || signatures.size() > NoteText.MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note carries 1 to " + NoteText.MAX_SIGNATURES + " signatures, not "
                    + signatures.size());
        }
    }

    /** Signs {@code text} with every signer, in order. */
    public static Note sign(String text, List<NoteSigner> signers) throws LogException {
        String problem = NoteText.textProblem(text);
        if (problem != null) {
            throw new MalformedNoteException(problem);
        }
        List<NoteSignature> signatures = new ArrayList<>(signers.size());
        for (NoteSigner signer : signers) {
            signatures.add(signer.sign(text));
        }
        return new Note(text, signatures);
    }

    /** This note with {@code more} signature lines appended, as a witness adds its cosignature. */
    public Note withSignatures(List<NoteSignature> more) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.addAll(more);
        return new Note(text, all);
    }

    /** Parses a note, rejecting anything that is not its own canonical encoding. */
    public static Note parse(byte[] data) throws MalformedNoteException {
        if (data.length > NoteText.MAX_NOTE_BYTES) {
            throw new MalformedNoteException("note of " + data.length + " bytes exceeds " + NoteText.MAX_NOTE_BYTES);
        }
        String all = NoteText.decodeUtf8(data);
        if (all == null) {
            throw new MalformedNoteException("note is not valid UTF-8");
        }
        String problem = NoteText.textProblem(all);
        if (problem != null) {
            throw new MalformedNoteException(problem);
        }
        // The text ends at the last blank line; everything after it must be signature lines.
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new MalformedNoteException("note has no blank line before its signatures");
        }
        String text = all.substring(0, split + 1);
        String[] lines = all.substring(split + 2).split("\n", -1);
        int count = lines.length - 1; // the block ends with a newline, so the last piece is empty
        if (count == 0 || count > NoteText.MAX_SIGNATURES) {
            throw new MalformedNoteException("note has " + count + " signature lines, allowed 1 to "
                    + NoteText.MAX_SIGNATURES);
        }
        List<NoteSignature> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signatures.add(parseSignature(lines[i]));
        }
        Note note = new Note(text, signatures);
        if (!Arrays.equals(note.encode(), data)) {
            throw new MalformedNoteException("note is not in canonical form");
        }
        return note;
    }

    /** The note's bytes: text, blank line, signature lines. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(text.length() + 100 * signatures.size());
        out.append(text).append('\n');
        for (NoteSignature signature : signatures) {
            out.append(signature.line()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static NoteSignature parseSignature(String line) throws MalformedNoteException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new MalformedNoteException("signature line does not start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new MalformedNoteException("signature line has no space between key name and signature");
        }
        String name = rest.substring(0, space);
        String problem = NoteText.keyNameProblem(name);
        if (problem != null) {
            throw new MalformedNoteException(problem);
        }
        byte[] value = NoteText.decodeCanonicalBase64(rest.substring(space + 1));
        if (value == null) {
            throw new MalformedNoteException("signature of " + name + " is not canonical base64");
        }
        if (value.length < 5) {
            throw new MalformedNoteException("signature of " + name + " is too short for a key ID and a signature");
        }
        int keyId = ((value[0] & 0xFF) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8)
                | (value[3] & 0xFF);
        return new NoteSignature(name, keyId, Arrays.copyOfRange(value, 4, value.length));
    }
}
