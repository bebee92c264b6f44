package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep audit checkpoint}: the latest signed checkpoint and its witnesses. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Print the latest signed checkpoint (a C2SP signed note), its cosigners and whether it is final.")
final class AuditCheckpointCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "N",
      description = "The checkpoint of this tree size (for example the one an export carried); default the newest.")
  Long size;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    if (size != null && size < 1) {
      throw KeepException.badInput("bad-size", "--size is a tree size, at least 1");
    }
    JsonNode cp = keep.api().get("/api/v1/audit/checkpoint" + (size == null ? "" : "?size=" + size), keep.token());
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
