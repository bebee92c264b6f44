package sovereign.munin.keep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TokenView;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.Tokens;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;

/**
 * API tokens a user mints for machines: narrowed to projects, permissions and keys. A token narrowed to keys may use
 * only those keys (sign, verify, encrypt, decrypt, public key) and nothing else that concerns keys; it is what a
 * machine needs to use a private key. The secret is shown once.
 */
final class TokenRoutes {

  /** Token request body: a label, optional narrowing to projects (ids or names), permissions and keys, a lifetime. */
  record TokenRequest(String label, List<String> projects, List<String> permissions, List<String> keys,
      Integer days) {}

  private TokenRoutes() {}

  static void register(RouteTable t, KeepInstance instance, Identity id, ManagedKeys keys, Resources resources) {
    // Only people mint tokens: a machine token minting tokens could widen itself (drop its narrowing).
    // A token narrowed to keys lets a machine use private keys: minting one needs what using them directly needs.
    t.post("/api/v1/tokens").on(Resource.SELF).by(CallerKind.PEOPLE).stepUpForKeys()
        .does("Mint an API token owned by the caller (shown once); a token narrowed to keys needs a fresh MFA "
            + "check", (ctx, caller) -> {
          TokenRequest req = KeyRoutes.body(ctx, TokenRequest.class);
          ApiTokens.Issued issued = id.tokens().issue(caller.auditId(), caller.userId(), new Tokens.Request(
              req.label(), req.projects(), req.permissions(), req.keys(), req.days()), keys::projectOfUsable);
          TokenView made = id.tokens().byId(issued.id()).orElseThrow();
          ctx.status(201).json(Map.of("id", issued.id(), "token", issued.secret(), "keys", made.keys(),
              "projects", made.projects()));
        });
    t.get("/api/v1/tokens").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("The caller's API tokens (never their secrets)", (ctx, caller) -> {
          long now = instance.clock().millis();
          ctx.json(Map.of("tokens", id.tokens().listOf(caller.userId()).stream().map(r -> view(r, now)).toList()));
        });
    t.get("/api/v1/tokens/all").needs(Permission.USER_MANAGE).on(Resource.EVERYWHERE)
        .by(CallerKind.PEOPLE_AND_BOOTSTRAP).does("Every API token of the instance (never their secrets)",
            (ctx, caller) -> {
              long now = instance.clock().millis();
              ctx.json(Map.of("tokens", id.tokens().all().stream().map(r -> view(r, now)).toList()));
            });
    t.post("/api/v1/tokens/{id}/revoke").needs(Permission.USER_MANAGE).on(resources.token("id"))
        .by(CallerKind.PEOPLE_AND_BOOTSTRAP).does("Revoke one API token at once: the caller's own, or any token for "
            + "holders of user.manage everywhere (the bootstrap admin token too)", (ctx, caller) -> {
          TokenView revoked = id.tokens().revoke(caller.auditId(), caller.target().name());
          ctx.json(view(revoked, instance.clock().millis()));
        });
  }

  /** What a token listing shows: never the secret or its hash. */
  private static Map<String, Object> view(TokenView r, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    m.put("kind", r.kind());
    m.put("owner", r.ownerUserId());
    m.put("state", r.state(now));
    m.put("createdAt", java.time.Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("expiresAt", r.expiresAt() == null ? null : java.time.Instant.ofEpochMilli(r.expiresAt()).toString());
    m.put("revokedAt", r.revokedAt() == null ? null : java.time.Instant.ofEpochMilli(r.revokedAt()).toString());
    m.put("projects", r.projects());
    m.put("keys", r.keys());
    m.put("permissions", r.permissions());
    return m;
  }
}
