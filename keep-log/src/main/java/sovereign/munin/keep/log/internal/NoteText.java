package sovereign.munin.keep.log.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The character rules of C2SP signed notes, shared by parsing and building, returning a problem or null. */
public final class NoteText {

    /** Largest whole note accepted, signatures included. */
    public static final int MAX_NOTE_BYTES = 1 << 20;
    /** Most signature lines accepted; the spec asks for at least 16, and ML-DSA-65 lines are about 4.4 kB. */
    public static final int MAX_SIGNATURES = 100;

    private NoteText() {}

    /** Decodes strict UTF-8, rejecting malformed and overlong sequences, or returns null. */
    public static String decodeUtf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Why {@code text} cannot be a note text, or null: it must end in a newline and hold no other control character. */
    public static String textProblem(String text) {
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            return "note text must end with a newline";
        }
        return charactersProblem(text);
    }

    /** Why a key name is unusable, or null: non-empty, no Unicode spaces, no plus sign, no control characters. */
    public static String keyNameProblem(String name) {
        if (name.isEmpty()) {
            return "key name is empty";
        }
        String problem = charactersProblem(name);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+' || cp == '\n' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "key name contains a space, newline or '+': " + name;
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Why {@code text} is not encodable as note UTF-8, or null. */
    public static String charactersProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return String.format("control character U+%04X", (int) c);
            }
            if (Character.isSurrogate(c)) {
                // A Java string may hold a lone surrogate, which has no UTF-8 encoding.
                if (!Character.isHighSurrogate(c) || i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "unpaired surrogate";
                }
                i++;
            }
        }
        return null;
    }

    /** Decodes standard padded base64, or returns null unless re-encoding gives back exactly {@code text}. */
    public static byte[] decodeCanonicalBase64(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(decoded).equals(text) ? decoded : null;
    }
}
