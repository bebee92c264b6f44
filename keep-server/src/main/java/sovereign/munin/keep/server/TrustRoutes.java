package sovereign.munin.keep.server;

import sovereign.munin.keep.app.keys.TrustFiles;

/** The signed trust file for offline verifiers. */
final class TrustRoutes {

  private TrustRoutes() {}

  static void register(RouteTable t, TrustFiles trust) {
    // POST: the first export makes the root-of-trust key, and every export is a counted, audited signature.
    t.post("/api/v1/trust/export", "key.read", "POST /trust/export", (ctx, caller) -> {
      KeyAccess.refuseKeyNarrowed(caller);
      ctx.contentType("application/json").result(trust.export(caller.auditId()));
    });
    t.get("/api/v1/trust/root", "key.read", "The root of trust's public key (PEM) for offline verifiers to pin",
        (ctx, caller) -> ctx.json(java.util.Map.of("publicKey", trust.rootPublicKey())));
  }
}
