package sovereign.munin.keep.server;

import sovereign.munin.keep.app.keys.TrustFiles;
import sovereign.munin.keep.governance.Permission;

/**
 * The signed trust file for offline verifiers: per project for those who read its keys, organisation-wide for roles
 * that read keys everywhere. Each export makes the root-of-trust key sign, so it is a sensitive action.
 */
final class TrustRoutes {

  private TrustRoutes() {}

  static void register(RouteTable t, TrustFiles trust, Resources resources) {
    t.post("/api/v1/trust/export").needs(Permission.KEY_READ).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .stepUp().does("The signed trust file of every project's keys (security team, auditors)", (ctx, caller) ->
            ctx.contentType("application/json").result(trust.export(caller.auditId())));
    t.post("/api/v1/projects/{project}/trust/export").needs(Permission.KEY_READ).on(resources.project("project"))
        .by(CallerKind.PEOPLE).stepUp().does("The signed trust file of one project's keys", (ctx, caller) ->
            ctx.contentType("application/json").result(trust.export(caller.auditId(),
                caller.target().projectName())));
    t.get("/api/v1/trust/root").needs(Permission.KEY_READ).by(CallerKind.ANY)
        .does("The root of trust's public key (PEM) for offline verifiers to pin",
            (ctx, caller) -> ctx.json(java.util.Map.of("publicKey", trust.rootPublicKey())));
  }
}
