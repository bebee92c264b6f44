package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keep status}: whether the server is up, sealed, and how far unsealing has come. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the server's seal state, mode and version.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonNode s = keep.api().get("/api/v1/sys/status");
    PrintWriter out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, s);
    } else {
      out.println(SealText.describe(keep.serverUrl(), s));
    }
    return 0;
  }
}
