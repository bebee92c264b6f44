package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import java.util.Map;

/** Headers every response carries: nothing is cached, sniffed, framed or sent elsewhere. */
final class SecurityHeaders {

  /** The headers, also for the answers Jetty writes itself ({@link JettyErrors}). */
  static final Map<String, String> HEADERS = Map.of(
      "Cache-Control", "no-store",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");

  private SecurityHeaders() {}

  static void install(JavalinConfig cfg) {
    cfg.routes.before(ctx -> HEADERS.forEach(ctx::header));
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
  }
}
