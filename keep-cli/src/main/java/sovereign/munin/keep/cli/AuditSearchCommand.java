package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep audit search}: find events by actor, action, project and time. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search integrated audit events, newest first.")
final class AuditSearchCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Option(names = "--actor", paramLabel = "NAME", description = "A user's name (or an actor as recorded, e.g. "
      + "token:ID).") String actor;
  @Option(names = "--action", paramLabel = "ACTION", description = "e.g. user.create, key.sign.") String action;
  @Option(names = "--project", paramLabel = "NAME", description = "A project's name.") String project;
  @Option(names = "--since", paramLabel = "TIME", description = "ISO-8601 instant, e.g. 2026-11-23T00:00:00Z") String since;
  @Option(names = "--until", paramLabel = "TIME") String until;
  @Option(names = "--limit", defaultValue = "100", description = "At most this many events (1..1000, default 100).") int limit;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    StringBuilder q = new StringBuilder("/api/v1/audit/events?limit=").append(limit);
    add(q, "actor", actor);
    add(q, "action", action);
    add(q, "project", project);
    add(q, "since", since);
    add(q, "until", until);
    JsonNode events = keep.api().get(q.toString(), keep.token());
    PrintWriter out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, events);
      return 0;
    }
    for (JsonNode e : events) {
      // Names for people; --json carries the ids beside them.
      String who = e.hasNonNull("actorName") ? e.path("actorName").asText() : e.path("actor").asText();
      String where = e.hasNonNull("projectName") ? e.path("projectName").asText()
          : e.path("project").isNull() ? "" : e.path("project").asText();
      out.printf("%6d  %s  %-14s %-28s %-8s %s%n", e.path("leafIndex").asLong(), e.path("time").asText(), who,
          e.path("action").asText(), e.path("outcome").asText(), where);
    }
    out.println(events.size() + " event(s)");
    return 0;
  }

  private static void add(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
