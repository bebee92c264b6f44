package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep audit add-witness}: register a witness whose cosignatures count. */
@Command(name = "add-witness", mixinStandardHelpOptions = true,
    description = {"Register a witness's cosignature keys (vkeys, or @FILE such as the witness's witness.vkeys).",
        "A witness counts for a checkpoint only when all of its registered keys cosigned it."})
final class AuditWitnessAddCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "VKEY|@FILE") List<String> vkeys;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    List<JsonNode> added = new ArrayList<>();
    for (String v : expand(vkeys)) {
      added.add(keep.api().post("/api/v1/audit/witnesses", Map.of("vkey", v), keep.token()));
    }
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), added);
    } else {
      // A witness has two keys (Ed25519 and ML-DSA-65 cosignatures): one line per witness, naming how many.
      var byName = new java.util.LinkedHashMap<String, Integer>();
      added.forEach(a -> byName.merge(a.path("name").asText(), 1, Integer::sum));
      byName.forEach((name, n) -> spec.commandLine().getOut().println("registered witness " + name + " ("
          + n + (n == 1 ? " key)" : " keys)")));
    }
    return 0;
  }

  static List<String> expand(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("@")) {
        Path f = Path.of(a.substring(1));
        try {
          if (Files.size(f) > 64 * 1024) {
            throw KeepException.badInput("bad-vkey", f + " is too large for a key list");
          }
          Files.readAllLines(f).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .forEach(out::add);
        } catch (IOException e) {
          throw KeepException.badInput("bad-vkey", "cannot read " + f + ": " + e.getMessage());
        }
      } else {
        out.add(a);
      }
    }
    return out;
  }
}
