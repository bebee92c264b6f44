package sovereign.munin.keep.log.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.InMemoryHashStore;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.export.ExportReport;
import sovereign.munin.keep.log.export.ExportSummary;
import sovereign.munin.keep.log.export.TlogExportVerifier;
import sovereign.munin.keep.log.export.TlogExportWriter;
import sovereign.munin.keep.log.internal.SafeFiles;

/**
 * Times writing and verifying a tlog-tiles export of a million small entries; run on demand, never as a test:
 * {@code java -Xmx256m -cp keep-log/target/classes:keep-log/target/test-classes:keep-crypto/target/classes
 * sovereign.munin.keep.log.bench.ExportBench [DIR]}. Entries are generated on the fly, so the heap holds only the
 * in-memory hash store (about 64 MiB) and whatever the writer and verifier keep.
 */
public final class ExportBench {

    private static final int ENTRIES = 1_000_000;
    private static final String ORIGIN = "bench.example/audit";

    private ExportBench() {}

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of("/tmp"), "export-bench");
        InMemoryHashStore store = new InMemoryHashStore();
        long start = System.nanoTime();
        List<Hash> batch = new ArrayList<>(1_000);
        for (int i = 0; i < ENTRIES; i++) {
            batch.add(Hash.ofLeaf(entry(i)));
            if (batch.size() == 1_000) {
                store.appendLeaves(batch);
                batch.clear();
            }
        }
        report("build the tree of 1,000,000 entries in memory", start);

        var ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var mlDsa65 = KeyPairGenerator.getInstance("ML-DSA-65").generateKeyPair();
        List<NoteSigner> signers = List.of(NoteSigner.ed25519(ORIGIN, ed25519), NoteSigner.mlDsa65(ORIGIN, mlDsa65));
        Checkpoint checkpoint = new Checkpoint(ORIGIN, ENTRIES, store.appendLeaves(List.of()));
        byte[] note = Note.sign(checkpoint.text(), signers).encode();

        for (int round = 1; round <= 2; round++) {
            Path dir = base.resolve("export-" + round);
            start = System.nanoTime();
            ExportSummary summary = new TlogExportWriter(store, ExportBench::entries).write(dir, note, n -> {});
            report("round " + round + ": write (" + summary.tiles() + " tiles, " + summary.bundles() + " bundles, "
                    + summary.bytes() / 1024 / 1024 + " MiB, fsync each)", start);

            start = System.nanoTime();
            ExportReport result = TlogExportVerifier.requiringAll(signers.stream().map(NoteSigner::verifierKey)
                    .toList()).verify(dir, n -> {});
            if (!result.ok() || result.entriesChecked() != ENTRIES) {
                throw new IllegalStateException("export did not verify: " + result.problems());
            }
            report("round " + round + ": verify", start);
        }
        SafeFiles.deleteTree(base);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap max %d MiB%n", rt.maxMemory() / 1024 / 1024);
    }

    private static List<byte[]> entries(long from, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(entry(from + i));
        }
        return out;
    }

    private static byte[] entry(long i) {
        return ("{\"event\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String what, long startNanos) {
        System.out.printf("%-90s %10.3f ms%n", what, (System.nanoTime() - startNanos) / 1e6);
    }
}
