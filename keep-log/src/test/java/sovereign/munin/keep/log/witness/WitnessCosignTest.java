package sovereign.munin.keep.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.ForkException;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.ShrinkingTreeException;
import sovereign.munin.keep.log.VerifiedNote;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.export.ExportException;
import sovereign.munin.keep.log.export.TestLog;

class WitnessCosignTest {

    @TempDir
    Path base;

    private Witness witness;

    @BeforeEach
    void createWitness() throws Exception {
        witness = Witness.create(base.resolve("witness"), "witness-one", WitnessTest.CLOCK);
    }

    @Test
    void cosign_twoSuccessiveExports_writesCosignaturesThatVerifyWithTheWitnessKeys() throws Exception {
        TestLog log = TestLog.of(100);
        Path first = export(log, "first");
        Path second = export(log.append(200), "second");

        CosignResult one = witness.cosign(first, TestLog.keys(), n -> {});
        CosignResult two = Witness.open(base.resolve("witness"), WitnessTest.CLOCK).cosign(second, List.of(), n -> {});

        assertThat(one.pinnedNow()).isTrue();
        assertThat(one.previous()).isEmpty();
        assertThat(two.pinnedNow()).isFalse();
        assertThat(two.previous()).get().extracting(c -> c.size()).isEqualTo(100L);
        for (Path export : List.of(first, second)) {
            Path file = export.resolve("cosignatures/witness-one.cosig");
            Note cosignature = Note.parse(Files.readAllBytes(file));
            Note checkpoint = Note.parse(Files.readAllBytes(export.resolve("checkpoint")));
            assertThat(cosignature.text()).isEqualTo(checkpoint.text());
            assertThat(cosignature.signatures()).hasSize(2).allMatch(s -> s.keyName().equals("witness-one"));
            VerifiedNote verified = NoteVerifier.requiringAll(witness.verifierKeys()).verify(cosignature);
            assertThat(verified.verified()).allMatch(s -> s.timestamp().equals(java.util.Optional.of(
                    Instant.ofEpochSecond(1_800_000_000L))));
            // What the log will do on import: the checkpoint's own signatures and the cosignature lines together.
            List<VerifierKey> all = new ArrayList<>(TestLog.keys());
            all.addAll(witness.verifierKeys());
            NoteVerifier.requiringAll(all).verify(checkpoint.withSignatures(cosignature.signatures()));
        }
        assertThat(two.file()).isEqualTo(second.resolve("cosignatures/witness-one.cosig"));
    }

    @Test
    void cosign_sameExportTwice_cosignsAgain() throws Exception {
        Path export = export(TestLog.of(10), "export");
        witness.cosign(export, TestLog.keys(), n -> {});

        assertThat(witness.cosign(export, TestLog.keys(), n -> {}).previous()).get()
                .extracting(c -> c.size()).isEqualTo(10L);
    }

    @Test
    void cosign_forkOfTheSameSize_isRefusedAndStateUnchanged() throws Exception {
        witness.cosign(export(TestLog.of(20), "ours"), TestLog.keys(), n -> {});
        Path forked = export(TestLog.of(20, "rewritten"), "forked");

        assertRefusedUnchanged(forked, ForkException.class, "signed two roots for size 20");
    }

    @Test
    void cosign_forkOfAnotherSize_isRefusedAndStateUnchanged() throws Exception {
        witness.cosign(export(TestLog.of(20), "ours"), TestLog.keys(), n -> {});
        Path forked = export(TestLog.of(40, "rewritten"), "forked");

        assertRefusedUnchanged(forked, sovereign.munin.keep.log.export.InconsistentTreeException.class,
                "does not extend");
    }

    @Test
    void cosign_shrunkTree_isRefusedAndStateUnchanged() throws Exception {
        TestLog log = TestLog.of(10);
        Path small = export(log, "small");
        witness.cosign(export(log.append(5), "large"), TestLog.keys(), n -> {});

        assertRefusedUnchanged(small, ShrinkingTreeException.class, "shrank from 15 to 10");
    }

    @Test
    void cosign_tamperedTile_isRefusedWithTheProblemAndStateUnchanged() throws Exception {
        TestLog log = TestLog.of(10);
        witness.cosign(export(log, "first"), TestLog.keys(), n -> {});
        Path second = export(log.append(5), "second");
        Files.write(second.resolve("tile/0/000.p/15"), new byte[15 * 32]);

        assertRefusedUnchanged(second, WitnessException.class, "problem");
        assertThatThrownBy(() -> witness.cosign(second, List.of(), n -> {}))
                .isInstanceOfSatisfying(WitnessException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path()).contains("tile/entries/000.p/15"));
    }

    @Test
    void cosign_missingTile_isRefusedAndNothingIsPinned() throws Exception {
        Path export = export(TestLog.of(10), "export");
        Files.delete(export.resolve("tile/0/000.p/10"));
        Files.delete(export.resolve("tile/entries/000.p/10"));

        assertRefusedUnchanged(export, TestLog.keys(), WitnessException.class, "problem");
        assertThat(base.resolve("witness/state")).isEmptyDirectory();
    }

    @Test
    void cosign_checkpointNotSignedByThePinnedKeys_isRefused() throws Exception {
        TestLog log = TestLog.of(10);
        witness.cosign(export(log, "first"), TestLog.keys(), n -> {});
        Path second = export(log.append(1), "second");
        Files.write(second.resolve("checkpoint"),
                log.checkpoint(List.of(NoteSigner.ed25519(TestLog.ORIGIN, TestLog.OTHER_ED25519))));

        assertRefusedUnchanged(second, ExportException.class, "lacks a verified signature");
    }

    @Test
    void cosign_firstWithoutLogKeys_isRefused() throws Exception {
        Path export = export(TestLog.of(10), "export");

        assertRefusedUnchanged(export, WitnessException.class, "no log keys are pinned for keep.example/audit");
    }

    @Test
    void cosign_otherLogKeysThanPinned_isRefused() throws Exception {
        TestLog log = TestLog.of(10);
        witness.cosign(export(log, "first"), TestLog.keys(), n -> {});
        Path second = export(log.append(1), "second");
        List<VerifierKey> onlyOne = List.of(TestLog.keys().getFirst());

        assertThatThrownBy(() -> witness.cosign(second, onlyOne, n -> {}))
                .isInstanceOf(WitnessException.class).hasMessageContaining("not the ones pinned");
        assertThat(second.resolve("cosignatures")).doesNotExist();
    }

    @Test
    void cosign_logKeysPinnedForAnotherOrigin_isRefusedAsOriginMismatch() throws Exception {
        witness.cosign(export(TestLog.of(10), "first"), TestLog.keys(), n -> {});
        Path other = export(TestLog.of(10, "event", "keep.example/elsewhere"), "other");

        assertThatThrownBy(() -> witness.cosign(other, TestLog.keys(), n -> {}))
                .isInstanceOf(WitnessException.class)
                .hasMessageContaining("origin mismatch").hasMessageContaining("keep.example/elsewhere");
        assertThat(other.resolve("cosignatures")).doesNotExist();
    }

    private void assertRefusedUnchanged(Path export, Class<? extends Exception> type, String message)
            throws Exception {
        assertRefusedUnchanged(export, List.of(), type, message);
    }

    private void assertRefusedUnchanged(Path export, List<VerifierKey> logKeys, Class<? extends Exception> type,
            String message) throws Exception {
        Map<String, String> before = snapshot(base.resolve("witness"));

        assertThatThrownBy(() -> witness.cosign(export, logKeys, n -> {}))
                .isInstanceOf(type).hasMessageContaining(message);

        assertThat(snapshot(base.resolve("witness"))).isEqualTo(before);
        assertThat(export.resolve("cosignatures")).doesNotExist();
    }

    private Path export(TestLog log, String name) throws Exception {
        Path dir = base.resolve(name);
        log.export(dir);
        return dir;
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
