package sovereign.munin.keep.log.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.VerifierKey;

/** The public 15-entry log written by transparency-dev/tessera, a real tlog-tiles directory with leftovers. */
class TesseraExportTest {

    private static final String VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

    @Test
    void verify_tesseraLog_verifiesWithItsEd25519KeyAlone() throws Exception {
        ExportReport report = TlogExportVerifier.requiringAll(List.of(VerifierKey.parse(VKEY)))
                .verify(directory(), n -> {});

        assertThat(report.problems()).isEmpty();
        assertThat(report.origin()).isEqualTo("example.com/log/testdata");
        assertThat(report.treeSize()).isEqualTo(15);
        assertThat(report.root()).isEqualTo(Hash.fromBase64("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs="));
        assertThat(report.entriesChecked()).isEqualTo(15);
        assertThat(report.verifiedKeys()).extracting(VerifierKey::vkey).containsExactly(VKEY);
    }

    @Test
    void verify_tesseraLogSinceEachEarlierCheckpoint_provesTheExtension() throws Exception {
        TlogExportVerifier verifier = TlogExportVerifier.requiringAll(List.of(VerifierKey.parse(VKEY)));
        for (int n = 0; n <= 15; n++) {
            byte[] older = Files.readAllBytes(directory().resolve("checkpoint." + n));

            ExportReport report = verifier.verify(directory(), Optional.of(older), p -> {});

            assertThat(report.extended()).as("since %d", n).get().extracting(c -> c.size()).isEqualTo((long) n);
        }
    }

    private static Path directory() throws Exception {
        return Path.of(TesseraExportTest.class.getResource("/tlog-tiles-log").toURI());
    }
}
