package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.RotationPolicy;

/** The key lifecycle over HTTPS: create, list, show, rotate, revoke, archive, destroy. */
final class KeyRoutes {

  /** Body of a key creation; the policy fields default to 90/14/30 days. */
  record CreateRequest(String name, String project, String purpose, String type, Integer rotationDays,
      Integer publishDays, Integer overlapDays) {}

  /** Body of a revocation. */
  record RevokeRequest(String compromisedAt, String reason, Integer version) {}

  private KeyRoutes() {}

  static void register(RouteTable t, KeepInstance instance, ManagedKeys keys, Resources resources, Identity id) {
    Resource key = resources.key("name");
    t.post("/api/v1/keys").needs(Permission.KEY_MANAGE).on(resources.bodyProject("project"))
        .by(CallerKind.PEOPLE).stepUp().does("Create a key in a project", (ctx, caller) -> {
      CreateRequest req = body(ctx, CreateRequest.class);
      RotationPolicy policy = ManagedKeys.policy(req.rotationDays(), req.publishDays(), req.overlapDays());
      ctx.status(201).json(keys.create(req.name(), req.project(), req.purpose(), req.type(), policy,
          caller.auditId()));
    });
    t.get("/api/v1/keys").needs(Permission.KEY_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("The keys of the projects the caller may read keys in", (ctx, caller) -> {
      Map<String, String> projectIds = new java.util.HashMap<>();
      id.projects().list().forEach(p -> projectIds.put(p.name(), p.id()));
      ctx.json(Map.of("keys", keys.list().stream()
          .filter(k -> caller.sees(Permission.KEY_READ, projectIds.getOrDefault(k.project(), ""))).toList()));
    });
    t.get("/api/v1/keys/{name}").needs(Permission.KEY_READ).on(key).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("One key: type, policy, versions and their states", (ctx, caller) -> {
      ctx.json(keys.show(ctx.pathParam("name")));
    });
    t.post("/api/v1/keys/{name}/rotate").needs(Permission.KEY_MANAGE).on(key).by(CallerKind.PEOPLE).stepUp()
        .does("Rotate: a new active version, the old one in its overlap", (ctx, caller) -> {
      ctx.json(keys.rotate(ctx.pathParam("name"), caller.auditId()));
    });
    t.post("/api/v1/keys/{name}/revoke").needs(Permission.KEY_MANAGE).on(key).by(CallerKind.PEOPLE).stepUp()
        .does("Revoke a version as compromised at a time", (ctx, caller) -> {
      RevokeRequest req = body(ctx, RevokeRequest.class);
      ctx.json(keys.revoke(ctx.pathParam("name"), req.version(), instant(req.compromisedAt()), req.reason(),
          caller.auditId()));
    });
    t.post("/api/v1/keys/{name}/min-decryption-version").needs(Permission.KEY_MANAGE).on(key)
        .by(CallerKind.PEOPLE).stepUp().does("Close the versions below {\"version\": N} for decryption (they still "
            + "verify); the floor only rises", (ctx, caller) -> {
      Integer v = version(ctx);
      if (v == null) {
        throw KeepException.badInput("missing-field", "send {\"version\": N}: the lowest version that still "
            + "decrypts");
      }
      ctx.json(keys.closeDecryptionBelow(ctx.pathParam("name"), v, caller.auditId()));
    });
    t.post("/api/v1/keys/{name}/archive").needs(Permission.KEY_MANAGE).on(key).by(CallerKind.PEOPLE).stepUp()
        .does("Archive a retired version, or the whole key", (ctx, caller) -> {
      ctx.json(keys.archive(ctx.pathParam("name"), version(ctx), caller.auditId()));
    });
    t.post("/api/v1/keys/{name}/destroy").needs(Permission.KEY_MANAGE).on(key).by(CallerKind.PEOPLE).stepUp()
        .does("Destroy an archived or compromised version's private material, or an archived key's, which takes "
            + "two people (202 while it waits for the second)", (ctx, caller) -> {
      String name = ctx.pathParam("name");
      Integer version = version(ctx);
      var view = keys.destroy(name, version, caller.auditId());
      var requester = version == null ? keys.destructionRequestedBy(name) : java.util.Optional.<String>empty();
      if (requester.isPresent()) {
        // The first of two people: nothing is destroyed until a second one confirms.
        ctx.status(202).json(Map.of("key", view, "destruction", "requested", "requestedBy", requester.get(),
            "next", "another person who manages keys in project '" + view.project() + "' confirms with 'keep key "
                + "destroy " + name + "' within 7 days"));
      } else {
        ctx.json(view);
      }
    });
  }


  /** Body of archive and destroy: an optional version; without it, the whole key. */
  record VersionRequest(Integer version) {}

  private static Integer version(Context ctx) {
    if (ctx.body().isBlank()) {
      return null;
    }
    Integer v = body(ctx, VersionRequest.class).version();
    if (v != null && v < 1) {
      throw KeepException.badInput("bad-version", "version must be 1 or more");
    }
    return v;
  }

  static <T> T body(Context ctx, Class<T> type) {
    T body = ctx.bodyAsClass(type);
    if (body == null) {
      throw KeepException.badInput("malformed-json", "this call needs a JSON object body");
    }
    return body;
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw KeepException.badInput("bad-time", "'" + text + "' is not an ISO-8601 instant such as "
          + "2026-11-23T10:00:00Z");
    }
  }
}
