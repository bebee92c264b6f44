package sovereign.munin.keep.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.testkit.NobleMlDsa;

/**
 * Peer check of an audit export, with the instance's pinned keys: Python's {@code cryptography} verifies the
 * checkpoint's Ed25519 signature and recomputes the root from the entry bundles (a script written from the C2SP and
 * RFC 9162 texts), and {@code @noble/post-quantum} verifies its ML-DSA-65 signature. A changed entry fails.
 */
class AuditExportPeerIT {

  @TempDir
  Path base;

  @Test
  void export_verifiesWithPythonAndNoble_andAChangedEntryDoesNot() throws Exception {
    Path export = base.resolve("usb");
    Path pins;
    try (KeepInstance i = TestInstances.open(TestInstances.dev(base.resolve("data"), null, null).dataDir())) {
      List<AuditEvent> events = new ArrayList<>();
      for (int n = 0; n < 300; n++) {
        events.add(AuditEvent.success("user:" + (n % 7), "test.action", "thing-" + n, Map.of("n", (long) n)));
      }
      i.audit().recordAll(events);
      i.sequencer().integrateAll(100);
      new AuditExport(i.state()).export(export, n -> { });
      pins = AuditPins.file(i.dataDirectory());
    }
    sovereign.munin.keep.testkit.PythonCryptography.require();
    Result ok = python(export, pins);
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("signature ed25519 ok").contains("root ok 301");
    var lines = ok.out().lines().toList();
    byte[] pub = hex(lines, "mldsa-pub ");
    byte[] sig = hex(lines, "mldsa-sig ");
    byte[] text = hex(lines, "text ");
    text[text.length - 2] ^= 1;
    byte[] changedText = text.clone();
    text[text.length - 2] ^= 1;
    assertThat(NobleMlDsa.verify(List.of(new NobleMlDsa.Case("checkpoint", pub, text, sig, null),
        new NobleMlDsa.Case("changed", pub, changedText, sig, null)))).containsExactly("checkpoint true",
        "changed false");

    Path bundle = export.resolve("tile/entries/000");
    byte[] b = Files.readAllBytes(bundle);
    b[40] ^= 1;
    Files.write(bundle, b);
    Result changed = python(export, pins);
    assertThat(changed.exit()).isEqualTo(1);
    assertThat(changed.out()).contains("FAIL the entries give root");
  }

  private static byte[] hex(List<String> lines, String prefix) {
    return HexFormat.of().parseHex(lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
        .substring(prefix.length()));
  }

  private record Result(int exit, String out) {}

  private Result python(Path export, Path pins) throws IOException, InterruptedException {
    Path script = base.resolve("verify_export.py");
    try (InputStream in = AuditExportPeerIT.class.getResourceAsStream("verify_export.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder("python3", script.toString(), export.toString(), pins.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
