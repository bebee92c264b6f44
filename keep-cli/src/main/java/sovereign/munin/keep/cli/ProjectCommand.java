package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep project}: add and list projects. */
@Command(name = "project", mixinStandardHelpOptions = true, description = "Projects: add, list.")
final class ProjectCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a project owned by a user.")
  int add(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--owner", required = true, paramLabel = "USER") String owner) {
    JsonNode r = keep.api().post("/api/v1/projects", Map.of("name", name, "owner", owner), keep.token());
    return print(r, "Created project " + name + " (" + r.path("id").asText() + "), owned by " + owner + ".");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the projects you may see.")
  int list() {
    JsonNode r = keep.api().get("/api/v1/projects", keep.token());
    StringBuilder sb = new StringBuilder();
    r.forEach(p -> sb.append(String.format("%-24s %s%n", p.path("name").asText(), p.path("id").asText())));
    return print(r, sb.toString().stripTrailing());
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
