package sovereign.munin.keep.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.store.ApiTokenDao;
import sovereign.munin.keep.store.ApiTokenRow;

/**
 * API tokens a user mints for machines: narrowed to projects, permissions and keys. A token narrowed to keys may use
 * only those keys (sign, verify, encrypt, decrypt, public key) and nothing else that concerns keys; it is what a
 * machine needs to use a private key. The secret is shown once.
 */
final class TokenRoutes {

  /** Token request body: a label, optional narrowing to projects (ids or names), permissions and keys, a lifetime. */
  record TokenRequest(String label, List<String> projects, List<String> permissions, List<String> keys,
      Integer days) {}

  private static final int MAX_SCOPE = 64;

  private TokenRoutes() {}

  static void register(RouteTable t, KeepInstance instance, Identity id, ManagedKeys keys, Resources resources) {
    // Only people mint tokens: a machine token minting tokens could widen itself (drop its narrowing).
    t.post("/api/v1/tokens").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Mint an API token owned by the caller (shown once)", (ctx, caller) -> {
          TokenRequest req = KeyRoutes.body(ctx, TokenRequest.class);
          int days = req.days() == null ? 30 : req.days();
          if (days < 1 || days > 365) {
            throw KeepException.badInput("bad-days", "days must be 1..365");
          }
          List<String> perms = bounded("permissions", req.permissions());
          perms.forEach(p -> Permission.fromId(p).orElseThrow(() ->
              KeepException.badInput("bad-permission", "unknown permission '" + p + "'")));
          List<String> projects = new ArrayList<>();
          bounded("projects", req.projects()).forEach(p -> projects.add(projectId(id, p)));
          List<String> keyNames = bounded("keys", req.keys());
          keyNames.forEach(k -> requireKeyInProjects(id, keys, k, projects));
          String label = req.label() == null || req.label().isBlank() ? "api" : req.label().strip();
          if (label.length() > 200) {
            throw KeepException.badInput("bad-label", "a token label is at most 200 characters");
          }
          ApiTokens.Issued issued = instance.state().transaction(h -> {
            ApiTokens.Issued i = id.tokens().issueScoped(h, label, caller.userId(), projects, perms, keyNames,
                Duration.ofDays(days));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("projects", projects);
            details.put("permissions", perms);
            details.put("keys", keyNames);
            details.put("days", (long) days);
            instance.audit().record(h, AuditEvent.success(caller.auditId(), "token.issue", "token:" + i.id(),
                details));
            return i;
          });
          ctx.status(201).json(Map.of("id", issued.id(), "token", issued.secret(), "keys", keyNames,
              "projects", projects));
        });
    t.get("/api/v1/tokens").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("The caller's API tokens (never their secrets)", (ctx, caller) -> {
          List<ApiTokenRow> rows = instance.state().read(h -> h.attach(ApiTokenDao.class).listOf(caller.userId()));
          long now = instance.clock().millis();
          ctx.json(Map.of("tokens", rows.stream().map(r -> view(r, now)).toList()));
        });
    t.get("/api/v1/tokens/all").needs(Permission.USER_MANAGE).on(Resource.EVERYWHERE)
        .by(CallerKind.PEOPLE_AND_BOOTSTRAP).does("Every API token of the instance (never their secrets)",
            (ctx, caller) -> {
              List<ApiTokenRow> rows = instance.state().read(h -> h.attach(ApiTokenDao.class).list());
              long now = instance.clock().millis();
              ctx.json(Map.of("tokens", rows.stream().map(r -> view(r, now)).toList()));
            });
    t.post("/api/v1/tokens/{id}/revoke").needs(Permission.USER_MANAGE).on(resources.token("id"))
        .by(CallerKind.PEOPLE_AND_BOOTSTRAP).does("Revoke one API token at once: the caller's own, or any token for "
            + "holders of user.manage everywhere (the bootstrap admin token too)", (ctx, caller) -> {
          String tokenId = caller.target().name();
          long now = instance.clock().millis();
          ApiTokenRow revoked = instance.state().transaction(h -> {
            ApiTokenDao dao = h.attach(ApiTokenDao.class);
            ApiTokenRow row = dao.findById(tokenId).orElseThrow();
            if (!revoke(h, instance, caller.auditId(), row, "revoke")) {
              throw new KeepException(KeepException.Kind.CONFLICT, "token-already-revoked", "token '" + tokenId
                  + "' was already revoked" + (row.revokedAt() == null ? ""
                  : " at " + java.time.Instant.ofEpochMilli(row.revokedAt())));
            }
            return dao.findById(row.id()).orElseThrow();
          });
          ctx.json(view(revoked, now));
        });
  }

  /**
   * Revokes {@code token} and audits it as {@code token.revoke} in the caller's transaction; every way a token is
   * ended ({@code via}: revoke, logout) goes through here. False, with nothing written, if it was already revoked.
   */
  static boolean revoke(org.jdbi.v3.core.Handle h, KeepInstance instance, String actor, ApiTokenRow token,
      String via) {
    if (h.attach(ApiTokenDao.class).revoke(token.id(), instance.clock().millis()) == 0) {
      return false;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("label", token.label());
    details.put("owner", token.userId() == null ? "bootstrap" : token.userId());
    details.put("via", via);
    instance.audit().record(h, AuditEvent.success(actor, "token.revoke", "token:" + token.id(), details));
    return true;
  }

  /** What a token listing shows: never the secret or its hash. */
  private static Map<String, Object> view(ApiTokenRow r, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    m.put("kind", r.userId() == null ? "bootstrap" : r.kind());
    m.put("owner", r.userId());
    m.put("state", r.revokedAt() != null ? "revoked" : r.usableAt(now) ? "active" : "expired");
    m.put("createdAt", java.time.Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("expiresAt", r.expiresAt() == null ? null : java.time.Instant.ofEpochMilli(r.expiresAt()).toString());
    m.put("revokedAt", r.revokedAt() == null ? null : java.time.Instant.ofEpochMilli(r.revokedAt()).toString());
    m.put("projects", split(r.scopeProjects()));
    m.put("keys", split(r.scopeKeys()));
    m.put("permissions", split(r.scopePermissions()));
    return m;
  }

  private static List<String> split(String csv) {
    return csv.isEmpty() ? List.of() : List.of(csv.split(","));
  }

  private static List<String> bounded(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_SCOPE || values.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 64
        || v.contains(","))) {
      throw KeepException.badInput("bad-" + field, field + ": at most " + MAX_SCOPE + " names of 1-64 characters, "
          + "no commas");
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }

  /** A project named by id or, failing that, by name. */
  private static String projectId(Identity id, String p) {
    try {
      return id.projects().byId(p).id();
    } catch (KeepException notAnId) {
      return id.projects().byName(p).id();
    }
  }

  private static void requireKeyInProjects(Identity id, ManagedKeys keys, String name, List<String> projects) {
    if (projects.isEmpty()) {
      throw KeepException.badInput("token-keys-need-project", "a token narrowed to keys must also be narrowed to "
          + "the project(s) those keys belong to: add \"projects\" (keep token create --project P)");
    }
    String owner = id.projects().byName(keys.show(name).project()).id();
    if (!projects.contains(owner)) {
      throw KeepException.badInput("token-key-outside-projects", "key '" + name + "' does not belong to the "
          + "token's projects");
    }
  }
}
