package sovereign.munin.keep.server;

import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.Permission;

/** Access reviews (re-certify or revoke the grants put to the caller) and the access-audit report. */
final class ConsoleReviews {

  private ConsoleReviews() {}

  static void register(RouteTable t, Identity id, Resources resources) {
    t.get("/console/reviews").needs(Permission.ACCESS_REVIEW).by(CallerKind.BROWSER)
        .does("Console: grants put to the caller for re-certification", (ctx, caller) -> {
          ConsoleDirectory names = new ConsoleDirectory(id);
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Access reviews");
          m.put("items", id.reviews().openItems().stream()
              .filter(i -> caller.sees(Permission.ACCESS_REVIEW, i.projectId()))
              .map(i -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("review", i.reviewId());
                v.put("grant", i.grantId());
                v.put("holder", names.user(i.holder()));
                v.put("project", names.project(i.projectId()));
                v.put("role", i.role());
                v.put("decided", i.decidedBy() != null);
                v.put("outcome", i.outcome() == null ? "" : i.outcome().toLowerCase(java.util.Locale.ROOT));
                v.put("decidedBy", names.user(i.decidedBy()));
                return v;
              }).toList());
          ConsoleView.render(ctx, "reviews", m);
        });
    for (String verb : new String[] {"recertify", "revoke"}) {
      boolean keep = verb.equals("recertify");
      t.post("/console/reviews/{review}/grants/{grant}/" + verb).needs(Permission.ACCESS_REVIEW)
          .on(resources.reviewItem("review", "grant")).by(CallerKind.BROWSER).stepUp()
          .does(keep ? "Console: keep a grant in a review" : "Console: revoke a grant in a review", (ctx, caller) -> {
            id.reviews().decide(id.users().byId(caller.userId()), ctx.pathParam("review"), ctx.pathParam("grant"),
                keep);
            ConsolePage.redirect(ctx, "/console/reviews", keep ? "recertified" : "revoked");
          });
    }
    t.get("/console/report").needs(Permission.ACCESS_READ).by(CallerKind.BROWSER)
        .does("Console: access audit, who has what since when and approved by whom", (ctx, caller) -> {
          ConsoleDirectory names = new ConsoleDirectory(id);
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Access audit");
          m.put("grants", id.access().report().stream()
              .filter(g -> caller.sees(Permission.ACCESS_READ, g.project()))
              .map(g -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", g.id());
                v.put("user", names.user(g.user()));
                v.put("project", names.project(g.project()));
                v.put("role", g.role().id());
                v.put("since", ConsoleDirectory.time(g.from()));
                v.put("until", ConsoleDirectory.time(g.until()));
                v.put("owner", names.user(g.approvedByOwner()));
                v.put("security", names.user(g.approvedBySecurity()));
                v.put("reviewed", ConsoleDirectory.time(g.lastReviewedAt()));
                return v;
              }).toList());
          ConsoleView.render(ctx, "report", m);
        });
  }
}
