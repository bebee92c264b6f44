package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteTest {

    private static final String SIG = "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZ"
            + "XsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
    private static final String VALID = "This is an example message.\n\n" + SIG;

    @Test
    void parse_validNote_splitsTextAndSignatures() throws MalformedNoteException {
        Note note = Note.parse(bytes(VALID));
        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.signatures()).singleElement().satisfies(s -> {
            assertThat(s.keyName()).isEqualTo("example.com/foo");
            assertThat(s.keyIdHex()).isEqualTo("530d903a");
            assertThat(s.signature()).hasSize(64);
        });
        assertThat(note.encode()).isEqualTo(bytes(VALID));
    }

    @Test
    void parse_textWithBlankLines_splitsAtTheLastOne() throws MalformedNoteException {
        Note note = Note.parse(bytes("a\n\nb\n\n\n" + SIG));
        assertThat(note.text()).isEqualTo("a\n\nb\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "This is an example message.\n" + "\u2014 example.com/foo AAAAAAE=\n", // no blank line
        "This is an example message.\n\n", // no signatures
        "This is an example message.\n\n\u2014 example.com/foo AAAAAAE=", // no final newline
        "This is an example message.\r\n\n\u2014 example.com/foo AAAAAAE=\n", // carriage return
        "tab\there\n\n\u2014 example.com/foo AAAAAAE=\n", // control character
        "x\n\n- example.com/foo AAAAAAE=\n", // hyphen, not em dash
        "x\n\n\u2014 example.com/foo  AAAAAAE=\n", // two spaces
        "x\n\n\u2014 example.com/foo AAAAAAE\n", // unpadded base64
        "x\n\n\u2014 example.com/foo AAAAAAF=\n", // non-canonical trailing bits
        "x\n\n\u2014 example.com/foo AAAAAA==\n", // key ID but no signature
        "x\n\n\u2014 example.com+foo AAAAAAE=\n", // plus in the key name
        "x\n\n\u2014 example.com\u00a0foo AAAAAAE=\n", // no-break space in the key name
        "x\n\n\u2014  AAAAAAE=\n", // empty key name
        "x\n\n\u2014 example.com/foo AAAAAAE=\n\n", // trailing blank line
        "x\n\n\u2014 example.com/foo AAAAAAE=\nnot a signature\n", // stray line
    })
    void parse_malformedNote_isRejected(String text) {
        assertThatThrownBy(() -> Note.parse(bytes(text))).isInstanceOf(MalformedNoteException.class);
    }

    @Test
    void parse_invalidUtf8_isRejected() {
        byte[] data = bytes(VALID);
        data[0] = (byte) 0xC0; // an overlong-encoding lead byte
        assertThatThrownBy(() -> Note.parse(data)).isInstanceOf(MalformedNoteException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void parse_oversizedNote_isRejected() {
        String text = "a".repeat(1 << 20) + "\n\n" + SIG;
        assertThatThrownBy(() -> Note.parse(bytes(text))).isInstanceOf(MalformedNoteException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void parse_tooManySignatures_isRejected() throws MalformedNoteException {
        String hundred = "x\n\n" + SIG.repeat(100);
        assertThat(Note.parse(bytes(hundred)).signatures()).hasSize(100);
        assertThatThrownBy(() -> Note.parse(bytes(hundred + SIG))).isInstanceOf(MalformedNoteException.class);
    }

    @Test
    void constructor_textWithoutFinalNewline_isRejected() {
        NoteSignature signature = new NoteSignature("k", 1, new byte[] {1});
        assertThatThrownBy(() -> new Note("no newline", List.of(signature)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Note("x\n", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Note("lone \ud800 surrogate\n", List.of(signature)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withSignatures_cosignature_isAppendedAfterTheLogSignature() throws MalformedNoteException {
        Note note = Note.parse(bytes(VALID));
        NoteSignature extra = new NoteSignature("witness", 7, new byte[] {9, 9});
        Note cosigned = note.withSignatures(List.of(extra));
        assertThat(cosigned.signatures()).containsExactly(note.signatures().getFirst(), extra);
        assertThat(Note.parse(cosigned.encode())).isEqualTo(cosigned);
        assertThat(Arrays.equals(cosigned.encode(), note.encode())).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
