package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code keep key list}: every managed key with its versions. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List keys and their versions.")
final class KeyListCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Override
  public Integer call() {
    JsonNode r = key.keep.api().get("/api/v1/keys", key.keep.token());
    if (key.keep.json) {
      Output.json(key.spec.commandLine().getOut(), r.path("keys"));
    } else if (r.path("keys").isEmpty()) {
      key.spec.commandLine().getOut().println("No keys yet; create one with 'keep key create NAME --project P'.");
    } else {
      r.path("keys").forEach(key::print);
    }
    return 0;
  }
}
