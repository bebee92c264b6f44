package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep unseal --share FILE}: one custodian hands one share to the running server. */
@Command(name = "unseal", mixinStandardHelpOptions = true,
    description = {"Give the server one custodian's unseal share.",
        "Repeat with different custodians' files until the threshold is reached.",
        "Without --share, a dev or HSM instance sealed by 'keep seal' unseals itself again (admin token)."})
final class UnsealCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--share", paramLabel = "FILE", description = "The share file written by keep init.")
  Path share;

  @Override
  public Integer call() {
    if (share == null) {
      return print(keep.api().post("/api/v1/sys/unseal/auto", Map.of(), keep.token()));
    }
    String text;
    try {
      if (Files.size(share) > 4096) {
        throw KeepException.badInput("share-malformed", share + " is too large to be a share file");
      }
      text = Files.readString(share);
    } catch (IOException e) {
      throw KeepException.badInput("share-unreadable", "cannot read " + share + ": " + e.getMessage());
    }
    return print(keep.api().post("/api/v1/sys/unseal", Map.of("share", text), null));
  }

  private int print(JsonNode s) {
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), s);
    } else {
      spec.commandLine().getOut().println(SealText.describe(keep.serverUrl(), s));
    }
    return 0;
  }
}
