package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.Version;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.seal.SealStatus;
import sovereign.munin.keep.app.seal.ShareFile;
import sovereign.munin.keep.governance.Permission;

/** Health, readiness, seal status, unseal and seal. */
final class SysRoutes {

  private SysRoutes() {}

  /** The unseal request body: one share file's text. */
  record UnsealRequest(String share) {}

  static void register(RouteTable t, KeepInstance instance) {
    t.get("/healthz").open().whileSealed().does("Liveness", (ctx, caller) -> ctx.json(Map.of("status", "up")));
    t.get("/readyz").open().whileSealed().does("Readiness: unsealed and databases answer", (ctx, caller) -> {
      if (instance.seal().isSealed()) {
        Problems.write(ctx, 503, "sealed", "Not ready", "the instance is sealed; unseal it with 'keep unseal'");
      } else if (!instance.ready()) {
        Problems.write(ctx, 503, "database-unreachable", "Not ready", "a database does not answer");
      } else {
        ctx.json(Map.of("status", "ready"));
      }
    });
    t.get("/api/v1/sys/status").open().whileSealed().does("Seal status", (ctx, caller) -> ctx.json(status(instance, instance.seal().status())));
    t.post("/api/v1/sys/unseal").open().whileSealed().does("Submit one unseal share", (ctx, caller) -> {
      UnsealRequest req = body(ctx);
      if (req == null || req.share() == null) {
        throw KeepException.badInput("share-missing", "send {\"share\": \"<the share file's text>\"}");
      }
      SealStatus s;
      try {
        ShareFile share = ShareFile.parse(req.share());
        s = instance.seal().submitShare(share);
        instance.audit().recordNow(AuditEvent.success("custodian", "seal.unseal-share", "instance",
            Map.of("share", (long) share.index(), "progress", (long) s.progress(), "unsealed", !s.sealed())));
      } catch (KeepException e) {
        instance.audit().recordNow(AuditEvent.failure("custodian", "seal.unseal-share", "instance",
            Map.of("reason", e.type())));
        throw e;
      }
      ctx.json(status(instance, s));
    });
    t.post("/api/v1/sys/unseal/auto").needs(Permission.SYS_SEAL).by(CallerKind.PEOPLE_AND_BOOTSTRAP).whileSealed()
        .does("Unseal a dev or HSM instance again after 'keep seal'", (ctx, caller) -> {
          if (!instance.seal().isSealed()) {
            ctx.json(status(instance, instance.seal().status()));
            return;
          }
          if (!instance.unsealAutomatically()) {
            throw new KeepException(KeepException.Kind.CONFLICT, "shares-required", "this instance is sealed by "
                + "custodian shares: each custodian runs 'keep unseal --share FILE'");
          }
          instance.audit().recordNow(AuditEvent.success(caller.auditId(), "seal.unseal-auto", "instance", Map.of()));
          ctx.json(status(instance, instance.seal().status()));
        });
    t.post("/api/v1/sys/seal").needs(Permission.SYS_SEAL).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Seal the instance: from then on only health, status and unseal answer", (ctx, caller) -> {
      // Recorded before sealing, while the server can still vouch for it (events written sealed carry no MAC).
      instance.audit().recordNow(AuditEvent.success(caller.auditId(), "seal.seal", "instance", Map.of()));
      SealStatus s = instance.seal().seal();
      ctx.json(status(instance, s));
    });
  }

  private static UnsealRequest body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return null;
    }
    return ctx.bodyAsClass(UnsealRequest.class);
  }

  static Map<String, Object> status(KeepInstance instance, SealStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instanceId", s.instanceId());
    m.put("version", Version.VALUE);
    m.put("mode", instance.config().dev() ? "dev" : "production");
    m.put("sealed", s.sealed());
    m.put("seal", s.kind());
    m.put("threshold", s.threshold());
    m.put("shares", s.shares());
    m.put("progress", s.progress());
    // How many witness cosignatures make a checkpoint final; 0 means none is asked for (configuration, no secret).
    m.put("witnessQuorum", instance.config().witnessQuorum());
    // Whether the audit log passed its own checks; the kinds only (details are in the server log and the audit log).
    var alarms = instance.integrityAlarms().current();
    Map<String, Object> integrity = new LinkedHashMap<>();
    integrity.put("ok", alarms.isEmpty());
    integrity.put("signing", !instance.integrityAlarms().signingStopped());
    integrity.put("alarms", alarms.stream().map(a -> Map.of("kind", a.kind(), "at", a.at())).toList());
    m.put("auditIntegrity", integrity);
    return m;
  }
}
