package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keep seal}: wipe the root key from the server's memory at once (needs an admin token). */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = {"Seal the server: wipe the root key from memory. Key use stops until custodians unseal again.",
        "Needs an admin API token (KEEP_TOKEN, or dev-admin.token in dev mode)."})
final class SealCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonNode s = keep.api().post("/api/v1/sys/seal", null, keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), s);
    } else {
      spec.commandLine().getOut().println(SealText.describe(keep.serverUrl(), s));
    }
    return 0;
  }
}
