package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
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

  static void install(JavalinConfig cfg, KeepInstance instance, Authenticator auth, ManagedKeys keys) {
    cfg.routes.post("/api/v1/keys", ctx -> {
      var caller = auth.require(ctx, "key.manage");
      CreateRequest req = body(ctx, CreateRequest.class);
      RotationPolicy d = RotationPolicy.DEFAULT;
      RotationPolicy policy = new RotationPolicy(or(req.rotationDays(), d.rotationDays()),
          or(req.publishDays(), d.publishDays()), or(req.overlapDays(), d.overlapDays()));
      ctx.status(201).json(keys.create(req.name(), req.project(), req.purpose(), req.type(), policy,
          actor(caller)));
    });
    cfg.routes.get("/api/v1/keys", ctx -> {
      auth.require(ctx, "key.read");
      ctx.json(Map.of("keys", keys.list()));
    });
    cfg.routes.get("/api/v1/keys/{name}", ctx -> {
      auth.require(ctx, "key.read");
      ctx.json(keys.show(ctx.pathParam("name")));
    });
    cfg.routes.post("/api/v1/keys/{name}/rotate", ctx -> {
      var caller = auth.require(ctx, "key.manage");
      ctx.json(keys.rotate(ctx.pathParam("name"), actor(caller)));
    });
    cfg.routes.post("/api/v1/keys/{name}/revoke", ctx -> {
      var caller = auth.require(ctx, "key.manage");
      RevokeRequest req = body(ctx, RevokeRequest.class);
      ctx.json(keys.revoke(ctx.pathParam("name"), req.version(), instant(req.compromisedAt()), req.reason(),
          actor(caller)));
    });
    cfg.routes.post("/api/v1/keys/{name}/archive", ctx -> {
      var caller = auth.require(ctx, "key.manage");
      ctx.json(keys.archive(ctx.pathParam("name"), actor(caller)));
    });
    cfg.routes.post("/api/v1/keys/{name}/destroy", ctx -> {
      var caller = auth.require(ctx, "key.manage");
      ctx.json(keys.destroy(ctx.pathParam("name"), actor(caller)));
    });
  }

  static String actor(sovereign.munin.keep.store.ApiTokenRow caller) {
    return "token:" + caller.id();
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
