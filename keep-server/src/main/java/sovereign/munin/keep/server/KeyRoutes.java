package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.keys.RotationPolicy;

/** The key lifecycle over HTTPS: create, list, show, rotate, revoke, archive, destroy. */
final class KeyRoutes {

  /** Body of a key creation; the policy fields default to 90/14/30 days. */
  record CreateRequest(String name, String project, String purpose, String type, Integer rotationDays,
      Integer publishDays, Integer overlapDays) {}

  /** Body of a revocation. */
  record RevokeRequest(String compromisedAt, String reason, Integer version) {}

  private KeyRoutes() {}

  static void register(RouteTable t, KeepInstance instance, ManagedKeys keys, KeyAccess access) {
    t.postSensitive("/api/v1/keys", "key.manage", "POST /keys", (ctx, caller) -> {
      CreateRequest req = body(ctx, CreateRequest.class);
      access.inProject(caller, "key.manage", req.project());
      RotationPolicy d = RotationPolicy.DEFAULT;
      RotationPolicy policy = new RotationPolicy(or(req.rotationDays(), d.rotationDays()),
          or(req.publishDays(), d.publishDays()), or(req.overlapDays(), d.overlapDays()));
      ctx.status(201).json(keys.create(req.name(), req.project(), req.purpose(), req.type(), policy,
          caller.auditId()));
    });
    t.get("/api/v1/keys", "key.read", "GET /keys", (ctx, caller) -> {
      KeyAccess.refuseKeyNarrowed(caller);
      ctx.json(Map.of("keys", keys.list().stream().filter(k -> access.mayRead(caller, k.project())).toList()));
    });
    t.get("/api/v1/keys/{name}", "key.read", "GET /keys/{name}", (ctx, caller) -> {
      access.onKey(caller, "key.read", ctx.pathParam("name"));
      ctx.json(keys.show(ctx.pathParam("name")));
    });
    t.postSensitive("/api/v1/keys/{name}/rotate", "key.manage", "POST /keys/{name}/rotate", (ctx, caller) -> {
      access.onKey(caller, "key.manage", ctx.pathParam("name"));
      ctx.json(keys.rotate(ctx.pathParam("name"), caller.auditId()));
    });
    t.postSensitive("/api/v1/keys/{name}/revoke", "key.manage", "POST /keys/{name}/revoke", (ctx, caller) -> {
      access.onKey(caller, "key.manage", ctx.pathParam("name"));
      RevokeRequest req = body(ctx, RevokeRequest.class);
      ctx.json(keys.revoke(ctx.pathParam("name"), req.version(), instant(req.compromisedAt()), req.reason(),
          caller.auditId()));
    });
    t.postSensitive("/api/v1/keys/{name}/archive", "key.manage", "POST /keys/{name}/archive", (ctx, caller) -> {
      access.onKey(caller, "key.manage", ctx.pathParam("name"));
      ctx.json(keys.archive(ctx.pathParam("name"), version(ctx), caller.auditId()));
    });
    t.postSensitive("/api/v1/keys/{name}/destroy", "key.manage", "POST /keys/{name}/destroy", (ctx, caller) -> {
      access.onKey(caller, "key.manage", ctx.pathParam("name"));
      ctx.json(keys.destroy(ctx.pathParam("name"), version(ctx), caller.auditId()));
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

  private static int or(Integer v, int fallback) {
    return v == null ? fallback : v;
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
