package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import sovereign.munin.keep.app.keys.TrustFiles;

/** The signed trust file for offline verifiers. */
final class TrustRoutes {

  private TrustRoutes() {}

  static void install(JavalinConfig cfg, Authenticator auth, TrustFiles trust) {
    // POST: the first export makes the root-of-trust key, and every export is a counted, audited signature.
    cfg.routes.post("/api/v1/trust/export", ctx -> {
      var caller = auth.require(ctx, "key.read");
      ctx.contentType("application/json").result(trust.export(KeyRoutes.actor(caller)));
    });
  }
}
