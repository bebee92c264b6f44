package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A complete 15-entry tlog-tiles log written by transparency-dev/tessera, checked end to end. */
class TlogTilesLogTest {

    private static final String ORIGIN = "example.com/log/testdata";
    private static final String VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
    private static final int SIZE = 15;

    private static final List<VerifiedCheckpoint> CHECKPOINTS = new ArrayList<>();
    private static final List<byte[]> ENTRIES = new ArrayList<>();
    private static final InMemoryHashStore STORE = new InMemoryHashStore();

    @BeforeAll
    static void load() throws Exception {
        NoteVerifier verifier = NoteVerifier.requiringAll(List.of(VerifierKey.parse(VKEY)));
        for (int n = 0; n <= SIZE; n++) {
            CHECKPOINTS.add(VerifiedCheckpoint.open(resource("checkpoint." + n), ORIGIN, verifier));
        }
        EntryBundle bundle = EntryBundle.parse(resource(new TileId(0, 0, SIZE).entriesPath()), SIZE);
        for (int i = 0; i < bundle.size(); i++) {
            ENTRIES.add(bundle.entry(i));
            STORE.appendLeaves(List.of(Hash.ofLeaf(bundle.entry(i))));
        }
    }

    @Test
    void checkpoints_everySize_verifyWithTheLogKey() {
        for (int n = 0; n <= SIZE; n++) {
            VerifiedCheckpoint checkpoint = CHECKPOINTS.get(n);
            assertThat(checkpoint.size()).isEqualTo(n);
            assertThat(checkpoint.note().verified()).hasSize(1);
            assertThat(checkpoint.note().ignored()).isEmpty();
        }
    }

    @Test
    void checkpoint_unversionedFile_isTheLatest() throws Exception {
        assertThat(resource("checkpoint")).isEqualTo(resource("checkpoint." + SIZE));
    }

    @Test
    void entryBundles_everyPartialWidth_arePrefixesOfTheFullLog() throws Exception {
        assertThat(new String(ENTRIES.getFirst(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("one");
        for (int w = 1; w <= SIZE; w++) {
            EntryBundle bundle = EntryBundle.parse(resource(new TileId(0, 0, w).entriesPath()), w);
            for (int i = 0; i < w; i++) {
                assertThat(bundle.entry(i)).isEqualTo(ENTRIES.get(i));
            }
            assertThat(bundle.encode()).isEqualTo(resource(new TileId(0, 0, w).entriesPath()));
        }
    }

    @Test
    void tilesAndRoots_recomputedFromEntries_equalTheStoredFilesAndCheckpoints() throws Exception {
        MerkleTree tree = new MerkleTree(STORE);
        for (int n = 0; n <= SIZE; n++) {
            assertThat(tree.rootHash(n)).as("root at %d", n).isEqualTo(CHECKPOINTS.get(n).root());
            for (TileId id : TileId.tilesOf(n)) {
                byte[] stored = resource(id.path());
                assertThat(tree.tile(id, n).encode()).as(id.path()).isEqualTo(stored);
                assertThat(Tile.parse(id, stored)).isEqualTo(tree.tile(id, n));
            }
        }
        CompactRange range = new CompactRange();
        ENTRIES.forEach(entry -> range.append(Hash.ofLeaf(entry)));
        assertThat(range.root()).isEqualTo(CHECKPOINTS.get(SIZE).root());
    }

    @Test
    void checkpoints_everyPair_areConsistent() throws Exception {
        MerkleTree tree = new MerkleTree(STORE);
        for (int m = 0; m <= SIZE; m++) {
            for (int n = m; n <= SIZE; n++) {
                ConsistencyProof proof = m == 0 ? null : tree.consistencyProof(m, n);
                AppendOnlyCheck.verify(CHECKPOINTS.get(m), CHECKPOINTS.get(n), proof);
            }
        }
    }

    @Test
    void inclusion_everyEntry_provenAgainstTheLatestCheckpointFromTilesAlone() throws Exception {
        MerkleTree fromTiles = new MerkleTree(new TileHashReader(id -> resource(id.path()), SIZE));
        for (int i = 0; i < SIZE; i++) {
            fromTiles.inclusionProof(i, SIZE).verify(Hash.ofLeaf(ENTRIES.get(i)), CHECKPOINTS.get(SIZE).root());
        }
    }

    private static byte[] resource(String path) throws HashStorageException {
        try (InputStream in = TlogTilesLogTest.class.getResourceAsStream("/tlog-tiles-log/" + path)) {
            if (in == null) {
                throw new HashStorageException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new HashStorageException("cannot read " + path, e);
        }
    }
}
