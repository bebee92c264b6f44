package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep audit key}: the log's verifier keys in signed-note form, for offline verifiers and witnesses. */
@Command(name = "key", mixinStandardHelpOptions = true,
    header = "Print the audit log's verifier keys, one vkey per line.",
    description = {"Print the audit log's verifier keys (<origin>+<keyid>+<base64>), one per line:",
        "an Ed25519 key (signed-note type 0x01) and an ML-DSA-65 key. Verifiers require both by default."})
final class AuditKeyCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    JsonNode k = keep.api().get("/api/v1/audit/key", keep.token());
    PrintWriter out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, k);
      return 0;
    }
    k.path("vkeys").forEach(v -> out.println(v.asText()));
    // Say whether the server's keys are the ones pinned here, when this machine has the data directory.
    var dir = keep.dataDirectory();
    if (java.nio.file.Files.isDirectory(dir.root())) {
      var pinned = sovereign.munin.keep.app.audit.AuditPins.read(dir);
      if (pinned.isPresent()) {
        var served = new java.util.TreeSet<String>();
        k.path("vkeys").forEach(v -> served.add(v.asText()));
        var pins = new java.util.TreeSet<String>();
        pinned.get().forEach(p -> pins.add(p.vkey()));
        spec.commandLine().getErr().println(served.equals(pins) ? "These are the keys pinned in "
            + sovereign.munin.keep.app.audit.AuditPins.file(dir) + "."
            : "WARNING: these are NOT the keys pinned in " + sovereign.munin.keep.app.audit.AuditPins.file(dir)
                + "; a log signed with them is not this instance's.");
      }
    }
    return 0;
  }
}
