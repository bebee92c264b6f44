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
    return 0;
  }
}
