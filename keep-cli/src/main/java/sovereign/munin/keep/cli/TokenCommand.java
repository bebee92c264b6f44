package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep token}: API tokens for machines, minted by a signed-in person. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens for machines: create.")
final class TokenCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Mint an API token owned by you, "
      + "narrowed to projects, keys and permissions; the token is printed once. A machine needs a token narrowed "
      + "to a key (--key) to sign, encrypt or decrypt with it.")
  int create(
      @Option(names = "--label", required = true, paramLabel = "LABEL", description = "What the token is for.")
      String label,
      @Option(names = "--project", paramLabel = "PROJECT", description = "Narrow to this project (repeatable).")
      List<String> projects,
      @Option(names = "--key", paramLabel = "NAME", description = "Narrow to this key (repeatable); the key must "
          + "belong to one of the --project projects.") List<String> keys,
      @Option(names = "--permission", paramLabel = "PERMISSION", description = "Narrow to this permission "
          + "(repeatable), for example key.use.") List<String> permissions,
      @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Lifetime, 1-365 days "
          + "(default: ${DEFAULT-VALUE}).") int days) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("label", label);
    body.put("projects", projects == null ? List.of() : projects);
    body.put("keys", keys == null ? List.of() : keys);
    body.put("permissions", permissions == null ? List.of() : permissions);
    body.put("days", days);
    JsonNode r = keep.api().post("/api/v1/tokens", body, keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), r);
    } else {
      var out = spec.commandLine().getOut();
      out.println("Token " + r.path("id").asText() + " (" + label + "), valid " + days + " days"
          + (keys == null || keys.isEmpty() ? "" : ", for key(s) " + String.join(", ", keys)) + ".");
      out.println("It is shown only now; give it to the machine as KEEP_TOKEN:");
      out.println(r.path("token").asText());
    }
    return 0;
  }
}
