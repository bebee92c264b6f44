package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.AccessRequest;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Approval;
import sovereign.munin.keep.governance.GovernanceException;
import sovereign.munin.keep.governance.Permission;

/** Access request pages: file a request and follow one's own, and the inbox of requests the caller may decide. */
final class ConsoleAccess {

  private ConsoleAccess() {}

  static void register(RouteTable t, Identity id, Clock clock, Resources resources) {
    t.get("/console/requests").needs(Permission.ACCESS_REQUEST).by(CallerKind.BROWSER)
        .does("Console: my access requests and a form for a new one", (ctx, caller) -> {
          ConsoleDirectory names = new ConsoleDirectory(id);
          Instant now = clock.instant();
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Access requests");
          m.put("requests", id.access().list().stream().filter(q -> q.requester().equals(caller.auditId()))
              .map(q -> view(q, names, now)).toList());
          ConsoleView.render(ctx, "requests", m);
        });
    t.post("/console/requests").needs(Permission.ACCESS_REQUEST).by(CallerKind.BROWSER)
        .does("Console: ask for a project role, with reason and days", (ctx, caller) -> {
          id.access().open(id.users().byId(caller.userId()), ConsolePage.field(ctx, "project", 64),
              ConsolePage.field(ctx, "role", 32), ConsolePage.field(ctx, "reason", AccessRequest.MAX_REASON_LENGTH),
              days(ConsolePage.field(ctx, "days", 4)));
          ConsolePage.redirect(ctx, "/console/requests", "requested");
        });
    t.get("/console/approvals").needs(Permission.ACCESS_READ).by(CallerKind.BROWSER)
        .does("Console: requests the caller may approve or deny", (ctx, caller) -> {
          Actor me = id.actors().of(id.users().byId(caller.userId()));
          ConsoleDirectory names = new ConsoleDirectory(id);
          Instant now = clock.instant();
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Approvals");
          m.put("requests", id.access().list().stream().filter(q -> decidable(q, me, now))
              .map(q -> view(q, names, now)).toList());
          ConsoleView.render(ctx, "approvals", m);
        });
    Resource request = resources.accessRequest("id");
    t.post("/console/approvals/{id}/approve").needs(Permission.ACCESS_APPROVE_OWNER,
            Permission.ACCESS_APPROVE_SECURITY).on(request).by(CallerKind.BROWSER).stepUp()
        .does("Console: approve as project owner or security team", (ctx, caller) -> {
          id.access().approve(id.users().byId(caller.userId()), ctx.pathParam("id"));
          ConsolePage.redirect(ctx, "/console/approvals", "approved");
        });
    t.post("/console/approvals/{id}/deny").needs(Permission.ACCESS_APPROVE_OWNER,
            Permission.ACCESS_APPROVE_SECURITY).on(request).by(CallerKind.BROWSER).stepUp()
        .does("Console: deny a request, with a reason", (ctx, caller) -> {
          id.access().deny(id.users().byId(caller.userId()), ctx.pathParam("id"),
              ConsolePage.optionalField(ctx, "reason", AccessRequest.MAX_REASON_LENGTH));
          ConsolePage.redirect(ctx, "/console/approvals", "denied");
        });
  }

  /** Whether {@code me} could approve {@code q} now, by the request's own rules (tried, never stored). */
  private static boolean decidable(AccessRequest q, Actor me, Instant now) {
    try {
      q.approve(me, now);
      return true;
    } catch (GovernanceException e) {
      return false;
    }
  }

  private static int days(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw sovereign.munin.keep.app.KeepException.badInput("bad-days", "days must be a whole number");
    }
  }

  static Map<String, Object> view(AccessRequest q, ConsoleDirectory names, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", q.id());
    m.put("requester", names.user(q.requester()));
    m.put("project", names.project(q.project()));
    m.put("role", q.role().id());
    m.put("reason", q.reason());
    m.put("days", q.duration().toDays());
    m.put("status", q.statusAt(now).name());
    List<Map<String, Object>> approvals = q.approvals().stream().map(a -> Map.<String, Object>of(
        "by", names.user(a.approver()),
        "as", a.capacity() == Approval.Capacity.PROJECT_OWNER ? "project owner" : "security team",
        "at", ConsoleDirectory.time(a.at()))).toList();
    m.put("approvals", approvals);
    m.put("denial", q.denial().map(d -> Map.of("by", names.user(d.by()), "reason", d.reason())).orElse(null));
    m.put("until", q.grant().map(g -> ConsoleDirectory.time(g.until())).orElse(null));
    return m;
  }
}
