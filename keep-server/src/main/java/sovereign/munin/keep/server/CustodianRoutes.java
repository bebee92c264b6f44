package sovereign.munin.keep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.Custodians;
import sovereign.munin.keep.governance.Permission;

/**
 * Backup custodians: each person enrols their own key; two others who manage keys everywhere approve it before it
 * can receive a share of a backup.
 */
final class CustodianRoutes {

  /** Body of an enrolment: the custodian's hybrid public key (PEM). */
  record EnrolRequest(String publicKey) {}

  private CustodianRoutes() {}

  static void register(RouteTable t, Custodians custodians) {
    t.post("/api/v1/custodians").on(Resource.SELF).by(CallerKind.PEOPLE).stepUp()
        .does("Enrol one's own backup custodian key (hybrid public key, PEM); pending until two others approve it",
            (ctx, caller) -> {
              EnrolRequest req = KeyRoutes.body(ctx, EnrolRequest.class);
              ctx.status(201).json(view(custodians.enrol(caller.userId(), req.publicKey())));
            });
    t.get("/api/v1/custodians").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .does("Enrolled backup custodian keys, their approvals and state", (ctx, caller) ->
            ctx.json(custodians.list().stream().map(CustodianRoutes::view).toList()));
    t.post("/api/v1/custodians/{keyId}/approve").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE)
        .by(CallerKind.PEOPLE).stepUp().does("Approve a custodian key (not one's own); two approvals make it active",
            (ctx, caller) -> ctx.json(view(custodians.approve(caller.userId(), ctx.pathParam("keyId")))));
    t.post("/api/v1/custodians/{keyId}/remove").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE)
        .by(CallerKind.PEOPLE).stepUp().does("Take a custodian key out of future backups", (ctx, caller) -> {
          custodians.remove(caller.auditId(), ctx.pathParam("keyId"));
          ctx.status(204);
        });
  }

  private static Map<String, Object> view(Custodians.Custodian c) {
    if (c == null) {
      throw new KeepException(KeepException.Kind.INTERNAL, "custodian-missing", "no custodian");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyId", c.keyId());
    m.put("user", "user:" + c.userId());
    m.put("state", c.state());
    m.put("approvedBy", c.approvedBy().stream().map(u -> "user:" + u).toList());
    m.put("enrolledAt", Instant.ofEpochMilli(c.enrolledAt()).toString());
    return m;
  }
}
