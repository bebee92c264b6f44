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
@Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens for machines: create, list, "
    + "revoke.")
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

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Your API tokens: id, label, state, expiry "
      + "and narrowing (never the secrets). --all lists every token of the instance (needs user.manage).")
  int list(@Option(names = "--all", description = "Every token, the bootstrap admin token included.") boolean all) {
    JsonNode r = keep.api().get(all ? "/api/v1/tokens/all" : "/api/v1/tokens", keep.token());
    var out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, r);
      return 0;
    }
    if (r.path("tokens").isEmpty()) {
      out.println("No tokens yet. Mint one with 'keep token create --label L --project P --key NAME'.");
      return 0;
    }
    out.printf("%-12s  %-9s  %-8s  %-24s  %s%n", "ID", "KIND", "STATE", "EXPIRES", "LABEL (NARROWED TO)");
    for (JsonNode t : r.path("tokens")) {
      List<String> scope = new java.util.ArrayList<>();
      t.path("keys").forEach(k -> scope.add("key " + k.asText()));
      t.path("permissions").forEach(p -> scope.add(p.asText()));
      if (!t.path("projects").isEmpty()) {
        scope.add(t.path("projects").size() + " project(s)");
      }
      out.printf("%-12s  %-9s  %-8s  %-24s  %s%n", t.path("id").asText(), t.path("kind").asText(),
          t.path("state").asText(), t.path("expiresAt").isNull() ? "never" : t.path("expiresAt").asText(),
          t.path("label").asText() + (scope.isEmpty() ? "" : " (" + String.join(", ", scope) + ")"));
    }
    return 0;
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one API token at once, by the id "
      + "'keep token list' shows: your own, or any (the bootstrap admin token too) with user.manage. It is refused "
      + "from the next request on, on every server node.")
  int revoke(@picocli.CommandLine.Parameters(paramLabel = "ID", description = "The token's id.") String id) {
    JsonNode r = keep.api().post("/api/v1/tokens/" + java.net.URLEncoder.encode(id,
        java.nio.charset.StandardCharsets.UTF_8) + "/revoke", Map.of(), keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), r);
    } else {
      spec.commandLine().getOut().println("Token " + r.path("id").asText() + " (" + r.path("label").asText()
          + ") revoked at " + r.path("revokedAt").asText() + "; it is refused from the next request on.");
    }
    return 0;
  }
}
