package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sovereign.munin.keep.app.KeepException;

/** Every failure leaves as problem+json; unexpected errors are logged with an id and never show internals. */
final class ErrorHandling {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

  private ErrorHandling() {}

  static void install(JavalinConfig cfg) {
    cfg.routes.exception(KeepException.class, (e, ctx) -> {
      if (ConsoleRoutes.owns(ctx.path())) {
        ConsoleErrors.write(ctx, e);
      } else {
        Problems.write(ctx, e);
      }
    });
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404 && !ConsoleRoutes.owns(ctx.path())) {
        noSuchResource(ctx); // the router's own 404: no route serves this path
        return;
      }
      Problems.write(ctx, e.getStatus(), "http-" + e.getStatus(), "Request refused", e.getMessage());
    });
    cfg.routes.exception(com.fasterxml.jackson.core.JacksonException.class, (e, ctx) ->
        Problems.write(ctx, 400, "malformed-json", "Bad request", "the request body is not the JSON this call takes"));
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      String id = Long.toHexString(System.nanoTime());
      LOG.error("unexpected error {} on {} {}", id, ctx.method(), ctx.path(), e);
      if (ConsoleRoutes.owns(ctx.path())) {
        ConsoleErrors.page(ctx, 500, "internal", "an unexpected error occurred (reference " + id + ")");
        return;
      }
      Problems.write(ctx, 500, "internal", "Internal error", "an unexpected error occurred (reference " + id + ")");
    });
    cfg.routes.error(404, ctx -> {
      if (ConsoleRoutes.owns(ctx.path())) {
        String type = ctx.res().getContentType();
        if (!ctx.res().isCommitted() && (type == null || !type.startsWith("text/html"))) {
          ConsoleErrors.page(ctx, 404, "not-found", "there is no console page at " + ctx.path());
        }
      } else if (!ctx.res().isCommitted() && !isProblem(ctx.res().getContentType())) {
        noSuchResource(ctx);
      }
    });
    cfg.routes.error(405, ctx -> Problems.write(ctx, 405, "method-not-allowed", "Method not allowed",
        ctx.method() + " is not allowed on " + ctx.path()));
  }

  private static void noSuchResource(io.javalin.http.Context ctx) {
    Problems.write(ctx, 404, "not-found", "Not found", "no such resource: " + ctx.method() + " " + ctx.path());
  }

  /** Whether a handler already answered with a problem (Jetty may have added a charset to the type). */
  private static boolean isProblem(String contentType) {
    return contentType != null && contentType.startsWith("application/problem+json");
  }
}
