package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public signed-note vectors: C2SP's example and golang.org/x/mod sumdb/note's test keys. */
class SignedNoteVectorsTest {

    static Stream<JsonNode> cases() throws Exception {
        try (var in = SignedNoteVectorsTest.class.getResourceAsStream("/signed-note/vectors.json")) {
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            assertThat(cases).hasSize(3);
            return cases.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void verify_vector_verifiesAndIgnoresOtherKeys(JsonNode vector) throws Exception {
        VerifierKey key = VerifierKey.parse(vector.get("verifierKey").asText());
        assertThat(key.vkey()).isEqualTo(vector.get("verifierKey").asText());
        assertThat(key.type()).isEqualTo(SignatureType.ED25519);
        byte[] bytes = vector.get("note").asText().getBytes(StandardCharsets.UTF_8);
        Note note = Note.parse(bytes);
        assertThat(note.encode()).isEqualTo(bytes);

        VerifiedNote verified = NoteVerifier.requiringAll(List.of(key)).verify(note);

        assertThat(vector.get("valid").asBoolean()).isTrue();
        assertThat(verified.verified()).singleElement().satisfies(s -> assertThat(s.key()).isEqualTo(key));
        assertThat(verified.ignored()).hasSize(note.signatures().size() - 1)
                .allSatisfy(s -> assertThat(s.keyName()).isNotEqualTo(key.name()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sign_vectorWithPrivateKey_reproducesTheSignatureLineExactly(JsonNode vector) throws Exception {
        if (!vector.has("signerKey")) {
            return;
        }
        VerifierKey key = VerifierKey.parse(vector.get("verifierKey").asText());
        KeyPair keys = TestKeys.fromGoSignerKey(vector.get("signerKey").asText(), key);
        Note original = Note.parse(vector.get("note").asText().getBytes(StandardCharsets.UTF_8));

        Note signed = Note.sign(original.text(), List.of(NoteSigner.ed25519(key.name(), keys)));

        NoteSignature expected = original.signatures().stream()
                .filter(s -> s.keyName().equals(key.name())).findFirst().orElseThrow();
        assertThat(signed.signatures()).containsExactly(expected);
        assertThat(signed.signatures().getFirst().line()).isEqualTo(expected.line());
    }
}
