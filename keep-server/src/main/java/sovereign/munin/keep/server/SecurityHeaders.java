package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;

/** Headers every response carries: nothing is cached, sniffed, framed or sent elsewhere. */
final class SecurityHeaders {

  private SecurityHeaders() {}

  static void install(JavalinConfig cfg) {
    cfg.routes.before(ctx -> {
      ctx.header("Cache-Control", "no-store");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    });
  }
}
