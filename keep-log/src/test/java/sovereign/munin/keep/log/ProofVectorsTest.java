package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every RFC 9162 proof vector from transparency-dev/merkle: each must verify, or be rejected if it says so. */
class ProofVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The one vector whose roots are not 32-byte hashes ("don't care 2", 14 bytes) yet expects success: it tests
     * that equal sizes with equal roots need no proof. Our hashes are always 32 bytes, so we reject it for that
     * reason alone; {@link #verify_equalSizesEqualRootsEmptyProof_verifies} checks the rule it is about.
     */
    private static final Set<String> NOT_32_BYTE_HASHES =
            Set.of("consistency/additional/sizes-are-equal-one-and-proof-is-empty.json");

    static Stream<String> inclusionVectors() throws IOException, URISyntaxException {
        return vectors("merkle/inclusion");
    }

    static Stream<String> consistencyVectors() throws IOException, URISyntaxException {
        return vectors("merkle/consistency");
    }

    @Test
    void vectors_allPresent_196() throws IOException, URISyntaxException {
        assertThat(inclusionVectors().count() + consistencyVectors().count()).isEqualTo(196);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void verify_inclusionVector_matchesWantErr(String name) throws Exception {
        JsonNode v = read(name);
        boolean accepted;
        try {
            InclusionProof proof = InclusionProof.of(v.get("leafIdx").asLong(), v.get("treeSize").asLong(),
                    hashes(v.get("proof")));
            proof.verify(hash(v.get("leafHash")), hash(v.get("root")));
            accepted = true;
        } catch (InvalidProofException | IllegalArgumentException e) {
            accepted = false;
        }
        assertThat(accepted).as(v.get("desc").asText()).isEqualTo(!v.get("wantErr").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void verify_consistencyVector_matchesWantErr(String name) throws Exception {
        JsonNode v = read(name);
        boolean accepted;
        try {
            ConsistencyProof proof = ConsistencyProof.of(v.get("size1").asLong(), v.get("size2").asLong(),
                    hashes(v.get("proof")));
            proof.verify(hash(v.get("root1")), hash(v.get("root2")));
            accepted = true;
        } catch (InvalidProofException | IllegalArgumentException e) {
            accepted = false;
        }
        boolean expected = !v.get("wantErr").asBoolean() && !NOT_32_BYTE_HASHES.contains(name);
        assertThat(accepted).as(v.get("desc").asText()).isEqualTo(expected);
    }

    @Test
    void verify_equalSizesEqualRootsEmptyProof_verifies() throws InvalidProofException {
        Hash root = Hash.ofLeaf(new byte[] {42});
        ConsistencyProof.of(1, 1, List.of()).verify(root, root);
    }

    @Test
    void generate_happyPathVectors_reproducedFromTheRfc6962TestTree() throws Exception {
        String[] hex = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f"};
        InMemoryHashStore store = new InMemoryHashStore();
        for (String entry : hex) {
            store.appendLeaves(List.of(Hash.ofLeaf(java.util.HexFormat.of().parseHex(entry))));
        }
        MerkleTree tree = new MerkleTree(store);
        int checked = 0;
        for (String name : inclusionVectors().filter(n -> n.endsWith("/happy-path.json")).toList()) {
            JsonNode v = read(name);
            InclusionProof proof = tree.inclusionProof(v.get("leafIdx").asLong(), v.get("treeSize").asLong());
            assertThat(proof.hashes()).as(name).isEqualTo(hashes(v.get("proof")));
            assertThat(tree.rootHash(v.get("treeSize").asLong())).isEqualTo(hash(v.get("root")));
            checked++;
        }
        for (String name : consistencyVectors().filter(n -> n.endsWith("/happy-path.json")).toList()) {
            JsonNode v = read(name);
            ConsistencyProof proof = tree.consistencyProof(v.get("size1").asLong(), v.get("size2").asLong());
            assertThat(proof.hashes()).as(name).isEqualTo(hashes(v.get("proof")));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }

    private static Stream<String> vectors(String folder) throws IOException, URISyntaxException {
        Path root = Path.of(ProofVectorsTest.class.getClassLoader().getResource("merkle").toURI());
        Path dir = root.resolve(folder.substring("merkle/".length()));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 4)) {
            files.filter(p -> p.toString().endsWith(".json"))
                    .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
        }
        names.sort(null);
        return names.stream();
    }

    private static JsonNode read(String name) throws IOException {
        try (var in = ProofVectorsTest.class.getClassLoader().getResourceAsStream("merkle/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Hash hash(JsonNode node) {
        return new Hash(Base64.getDecoder().decode(node.asText()));
    }

    private static List<Hash> hashes(JsonNode node) {
        List<Hash> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(n -> out.add(hash(n)));
        }
        return out;
    }
}
