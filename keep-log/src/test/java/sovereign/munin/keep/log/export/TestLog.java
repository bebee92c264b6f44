package sovereign.munin.keep.log.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.InMemoryHashStore;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.VerifierKey;

/** A log built in memory with real Ed25519 and ML-DSA-65 keys, to export and tamper with in tests. */
public final class TestLog {

    public static final String ORIGIN = "keep.example/audit";
    public static final KeyPair ED25519 = generate("Ed25519");
    public static final KeyPair ML_DSA_65 = generate("ML-DSA-65");
    public static final KeyPair OTHER_ED25519 = generate("Ed25519");

    private final InMemoryHashStore store = new InMemoryHashStore();
    private final List<byte[]> entries = new ArrayList<>();
    private final String entryPrefix;
    private final String origin;

    private TestLog(String entryPrefix, String origin) {
        this.entryPrefix = entryPrefix;
        this.origin = origin;
    }

    /** A log named {@code origin} of {@code size} entries {@code "<prefix> <i>"}, signed with the same keys. */
    public static TestLog of(int size, String entryPrefix, String origin) throws LogException {
        return new TestLog(entryPrefix, origin).append(size);
    }

    public static TestLog of(int size, String entryPrefix) throws LogException {
        return of(size, entryPrefix, ORIGIN);
    }

    public static TestLog of(int size) throws LogException {
        return of(size, "event");
    }

    public TestLog append(int count) throws LogException {
        List<Hash> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] entry = (entryPrefix + " " + entries.size()).getBytes(StandardCharsets.UTF_8);
            entries.add(entry);
            leaves.add(Hash.ofLeaf(entry));
        }
        store.appendLeaves(leaves);
        return this;
    }

    public long size() {
        return store.treeSize();
    }

    List<byte[]> entries() {
        return entries;
    }

    InMemoryHashStore store() {
        return store;
    }

    /** The checkpoint note at the current size, signed by both log keys. */
    public byte[] checkpoint() throws LogException {
        // The keys keep their one name whatever the origin, as one operator's keys would.
        return checkpoint(List.of(NoteSigner.ed25519(ORIGIN, ED25519), NoteSigner.mlDsa65(ORIGIN, ML_DSA_65)));
    }

    public byte[] checkpoint(List<NoteSigner> signers) throws LogException {
        Hash root = new MerkleTree(store).rootHash(size());
        return Note.sign(new Checkpoint(origin, size(), root).text(), signers).encode();
    }

    /** Exports the log at its current size into {@code directory}. */
    public ExportSummary export(Path directory) throws LogException {
        return new TlogExportWriter(store, (from, count) -> entries.subList((int) from, (int) from + count))
                .write(directory, checkpoint(), n -> {});
    }

    public static List<VerifierKey> keys() throws LogException {
        return List.of(NoteSigner.ed25519(ORIGIN, ED25519).verifierKey(),
                NoteSigner.mlDsa65(ORIGIN, ML_DSA_65).verifierKey());
    }

    static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "TestLog[" + origin + ", " + entryPrefix + ", " + size() + "]";
    }
}
