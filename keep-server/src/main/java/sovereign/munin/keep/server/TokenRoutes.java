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

  static void register(RouteTable t, KeepInstance instance, Identity id, ManagedKeys keys) {
    t.post("/api/v1/tokens", RouteSpec.AUTHENTICATED, "Mint an API token owned by the caller (shown once)",
        (ctx, caller) -> {
          AuthRoutes.requireUser(caller);
          if (caller.machineToken()) {
            // A machine token minting tokens could widen itself (drop its key, project or permission narrowing).
            throw new KeepException(KeepException.Kind.FORBIDDEN, "token-mint-needs-person", "machine tokens "
                + "cannot mint tokens; sign in (keep login, or the console) to mint one");
          }
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
