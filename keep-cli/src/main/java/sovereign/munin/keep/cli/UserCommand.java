package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep user}: add, list, disable users and reset their MFA. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Users: add, list, disable, reset-mfa.")
final class UserCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create a user; prints a one-time password (shown once) that must be changed at first login.")
  int add(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--role", required = true, paramLabel = "ROLE",
          description = "admin, security-team, project-owner, developer, auditor or reporter") String role) {
    JsonNode r = keep.api().post("/api/v1/users", Map.of("name", name, "role", role), keep.token());
    return print(r, "Created user " + name + " (" + role + "). One-time password (shown once): "
        + r.path("oneTimePassword").asText());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  int list() {
    JsonNode r = keep.api().get("/api/v1/users", keep.token());
    StringBuilder sb = new StringBuilder();
    r.forEach(u -> sb.append(String.format("%-24s %-14s%s%s%n", u.path("name").asText(), u.path("role").asText(),
        u.path("mfa").asBoolean() ? " mfa" : "", u.path("disabled").asBoolean() ? " DISABLED" : "")));
    return print(r, sb.toString().stripTrailing());
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user and end their sessions.")
  int disable(@Parameters(paramLabel = "NAME") String name) {
    keep.api().post("/api/v1/users/" + name + "/disable", Map.of(), keep.token());
    return print(Map.of("disabled", name), "Disabled " + name + ".");
  }

  @Command(name = "reset-mfa", mixinStandardHelpOptions = true,
      description = "Remove a user's TOTP and recovery codes; they enrol again.")
  int resetMfa(@Parameters(paramLabel = "NAME") String name) {
    keep.api().post("/api/v1/users/" + name + "/reset-mfa", Map.of(), keep.token());
    return print(Map.of("mfaReset", name), "Reset MFA of " + name + ".");
  }

  private int print(Object json, String text) {
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), json);
    } else {
      spec.commandLine().getOut().println(text);
    }
    return 0;
  }
}
