package sovereign.munin.keep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.AccessGrant;
import sovereign.munin.keep.governance.AccessRequest;
import sovereign.munin.keep.governance.Approval;
import sovereign.munin.keep.governance.Permission;

/** Access requests, their two approvals or a denial, and the access-audit report. */
final class AccessRoutes {

  /** Body of a request for a project role. */
  record OpenRequest(String project, String role, String reason, Integer days) {}

  /** Body of a denial. */
  record DenyRequest(String reason) {}

  private AccessRoutes() {}

  static void register(RouteTable t, Identity id, java.time.Clock clock, Resources resources) {
    t.post("/api/v1/access/requests").needs(Permission.ACCESS_REQUEST).by(CallerKind.PEOPLE)
        .does("Ask for a project role, with reason and days", (ctx, caller) -> {
          OpenRequest req = ctx.bodyAsClass(OpenRequest.class);
          AccessRequest q = id.access().open(id.users().byId(caller.userId()), req.project(), req.role(),
              req.reason(), req.days() == null ? 0 : req.days());
          ctx.status(201).json(view(q, clock.instant()));
        });
    t.get("/api/v1/access/requests").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Requests the caller made or may decide or read", (ctx, caller) -> {
          Instant now = clock.instant();
          ctx.json(id.access().list().stream().filter(q -> visible(caller, q)).map(q -> view(q, now)).toList());
        });
    // Who decides is declared: the owner or the security team of the request's project; the request's own rules
    // (not the requester, not twice, both capacities) are the governance record's.
    Resource request = resources.accessRequest("id");
    t.post("/api/v1/access/requests/{id}/approve").needs(Permission.ACCESS_APPROVE_OWNER,
            Permission.ACCESS_APPROVE_SECURITY).on(request).by(CallerKind.PEOPLE).stepUp()
        .does("Approve as project owner or security team (both are needed)", (ctx, caller) -> {
          AccessRequest q = id.access().approve(id.users().byId(caller.userId()), ctx.pathParam("id"));
          ctx.json(view(q, clock.instant()));
        });
    t.post("/api/v1/access/requests/{id}/deny").needs(Permission.ACCESS_APPROVE_OWNER,
            Permission.ACCESS_APPROVE_SECURITY).on(request).by(CallerKind.PEOPLE).stepUp()
        .does("Deny a request, with a reason", (ctx, caller) -> {
          DenyRequest req = ctx.bodyAsClass(DenyRequest.class);
          AccessRequest q = id.access().deny(id.users().byId(caller.userId()), ctx.pathParam("id"),
              req == null ? null : req.reason());
          ctx.json(view(q, clock.instant()));
        });
    t.get("/api/v1/access/reviews").needs(Permission.ACCESS_REVIEW).by(CallerKind.PEOPLE)
        .does("Open review items the caller may decide", (ctx, caller) -> ctx.json(id.reviews().openItems().stream()
            .filter(i -> caller.sees(Permission.ACCESS_REVIEW, i.projectId()))
            .map(i -> Map.of("review", i.reviewId(), "grant", i.grantId(), "holder", i.holder(), "project",
                i.projectId(), "role", i.role(), "decided", i.decidedBy() != null)).toList()));
    Resource item = resources.reviewItem("review", "grant");
    for (String verb : new String[] {"recertify", "revoke"}) {
      t.post("/api/v1/access/reviews/{review}/grants/{grant}/" + verb).needs(Permission.ACCESS_REVIEW).on(item)
          .by(CallerKind.PEOPLE).stepUp()
          .does(verb.equals("recertify") ? "Keep a grant in a review" : "Revoke a grant in a review",
              (ctx, caller) -> {
                id.reviews().decide(id.users().byId(caller.userId()), ctx.pathParam("review"),
                    ctx.pathParam("grant"), verb.equals("recertify"));
                ctx.status(204);
              });
    }
    t.get("/api/v1/access/report").needs(Permission.ACCESS_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Access audit: who has what, since when, approved by whom", (ctx, caller) -> ctx.json(
            id.access().report().stream().filter(g -> caller.sees(Permission.ACCESS_READ, g.project()))
                .map(AccessRoutes::grant).toList()));
  }

  private static boolean visible(Authorised caller, AccessRequest q) {
    return q.requester().equals(caller.actor().id())
        || caller.sees(Permission.ACCESS_READ, q.project())
        || caller.sees(Permission.ACCESS_APPROVE_OWNER, q.project())
        || caller.sees(Permission.ACCESS_APPROVE_SECURITY, q.project());
  }

  static Map<String, Object> view(AccessRequest q, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", q.id());
    m.put("requester", q.requester());
    m.put("project", q.project());
    m.put("role", q.role().id());
    m.put("reason", q.reason());
    m.put("days", q.duration().toDays());
    m.put("status", q.statusAt(now).name());
    m.put("approvals", q.approvals().stream().map(a -> Map.of("by", a.approver(), "as",
        a.capacity() == Approval.Capacity.PROJECT_OWNER ? "project-owner" : "security-team",
        "at", a.at().toString())).toList());
    q.denial().ifPresent(d -> m.put("denial", Map.of("by", d.by(), "reason", d.reason(), "at", d.at().toString())));
    q.grant().ifPresent(g -> m.put("grantUntil", g.until().toString()));
    return m;
  }

  static Map<String, Object> grant(AccessGrant g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grant", g.id());
    m.put("user", g.user());
    m.put("project", g.project());
    m.put("role", g.role().id());
    m.put("since", g.from().toString());
    m.put("until", g.until().toString());
    m.put("approvedByOwner", g.approvedByOwner());
    m.put("approvedBySecurity", g.approvedBySecurity());
    m.put("lastReviewedAt", g.lastReviewedAt().toString());
    return m;
  }
}
