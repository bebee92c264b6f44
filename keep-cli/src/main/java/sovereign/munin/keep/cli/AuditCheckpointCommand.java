package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep audit checkpoint}: the latest signed checkpoint and its witnesses. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Print the latest signed checkpoint (a C2SP signed note), its cosigners and whether it is final.")
final class AuditCheckpointCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    JsonNode cp = keep.api().get("/api/v1/audit/checkpoint", keep.token());
    PrintWriter out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, cp);
      return 0;
    }
    out.print(cp.path("note").asText());
    out.println();
    out.println("tree size " + cp.path("treeSize").asLong() + ", root " + cp.path("root").asText());
    out.println("cosigned by " + cp.path("cosigners").size() + " witness(es), " + cp.path("witnessQuorum").asInt()
        + " required: " + (cp.path("final").asBoolean() ? "final" : "not final yet"));
    return 0;
  }
}
