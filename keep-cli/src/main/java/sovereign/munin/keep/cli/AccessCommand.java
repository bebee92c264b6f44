package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep access}: need-to-know requests, approvals by owner AND security team, denials, the report. */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = "Access requests: request, approve, deny, list, review, report.")
final class AccessCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "request", mixinStandardHelpOptions = true, description = "Ask for a project role.")
  int request(@Option(names = "--project", required = true, paramLabel = "P") String project,
      @Option(names = "--role", required = true, paramLabel = "R") String role,
      @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason,
      @Option(names = "--days", required = true, paramLabel = "N") int days) {
    JsonNode r = keep.api().post("/api/v1/access/requests", Map.of("project", project, "role", role,
        "reason", reason, "days", days), keep.token());
    return print(r, "Request " + r.path("id").asText() + " is PENDING: it needs a project owner AND the security "
        + "team to approve.");
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a request.")
  int approve(@Parameters(paramLabel = "ID") String id) {
    JsonNode r = keep.api().post("/api/v1/access/requests/" + id + "/approve", Map.of(), keep.token());
    return print(r, "Request " + id + " is now " + r.path("status").asText() + ".");
  }

  @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a request.")
  int deny(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason) {
    JsonNode r = keep.api().post("/api/v1/access/requests/" + id + "/deny", Map.of("reason", reason), keep.token());
    return print(r, "Request " + id + " is now " + r.path("status").asText() + ".");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Requests you made or may decide.")
  int list() {
    JsonNode r = keep.api().get("/api/v1/access/requests", keep.token());
    StringBuilder sb = new StringBuilder();
    r.forEach(q -> sb.append(String.format("%-24s %-9s %-14s %s %s%n", q.path("id").asText(),
        q.path("status").asText(), q.path("role").asText(), q.path("project").asText(),
        q.path("requester").asText())));
    return print(r, sb.toString().stripTrailing());
  }

  @Command(name = "review", mixinStandardHelpOptions = true,
      header = "Decide open access-review items: keep or revoke a grant.",
      description = {"Open access-review items you may decide; with --review R and --keep or --revoke GRANT,",
          "re-certify or revoke one grant (what nobody re-certifies by the deadline is revoked)."})
  int review(@Option(names = "--review", paramLabel = "R") String review,
      @Option(names = "--keep", paramLabel = "GRANT") String keepGrant,
      @Option(names = "--revoke", paramLabel = "GRANT") String revokeGrant) {
    if (keepGrant != null || revokeGrant != null) {
      if (review == null || (keepGrant != null && revokeGrant != null)) {
        throw sovereign.munin.keep.app.KeepException.badInput("bad-review-options",
            "give --review R with exactly one of --keep GRANT or --revoke GRANT");
      }
      String grant = keepGrant != null ? keepGrant : revokeGrant;
      String verb = keepGrant != null ? "recertify" : "revoke";
      keep.api().post("/api/v1/access/reviews/" + review + "/grants/" + grant + "/" + verb, Map.of(), keep.token());
      return print(Map.of("grant", grant, "decision", verb), "Grant " + grant + ": " + verb + "d.");
    }
    JsonNode r = keep.api().get("/api/v1/access/reviews", keep.token());
    StringBuilder sb = new StringBuilder();
    r.forEach(i -> sb.append(String.format("%s %s %s %s in %s%s%n", i.path("review").asText(),
        i.path("grant").asText(), i.path("holder").asText(), i.path("role").asText(), i.path("project").asText(),
        i.path("decided").asBoolean() ? " (decided)" : "")));
    return print(r, r.isEmpty() ? "No access-review items are open for you." : sb.toString().stripTrailing());
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Access audit: who has what, since when, approved by whom, last reviewed when.")
  int report() {
    JsonNode r = keep.api().get("/api/v1/access/report", keep.token());
    StringBuilder sb = new StringBuilder();
    r.forEach(g -> sb.append(String.format("%s %s in %s until %s (owner %s, security %s)%n",
        g.path("user").asText(), g.path("role").asText(), g.path("project").asText(), g.path("until").asText(),
        g.path("approvedByOwner").asText(), g.path("approvedBySecurity").asText())));
    return print(r, r.isEmpty() ? "No access has been granted." : sb.toString().stripTrailing());
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
