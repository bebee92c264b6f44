package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;

/** Every API route with the access it needs, in one table: the router, the OpenAPI document and tests read it. */
final class RouteTable {

  private final List<RouteSpec> routes = new ArrayList<>();

  RouteTable get(String path, String access, String summary, RouteSpec.Handler h) {
    return add(new RouteSpec("GET", path, access, null, false, summary, h));
  }

  RouteTable post(String path, String access, String summary, RouteSpec.Handler h) {
    return add(new RouteSpec("POST", path, access, null, false, summary, h));
  }

  /** A state-changing route that needs a recent MFA check from session callers. */
  RouteTable postSensitive(String path, String access, String summary, RouteSpec.Handler h) {
    return add(new RouteSpec("POST", path, access, null, true, summary, h));
  }

  RouteTable add(RouteSpec spec) {
    boolean clash = routes.stream().anyMatch(r -> r.method().equals(spec.method()) && r.path().equals(spec.path()));
    if (clash) {
      throw new IllegalArgumentException("route registered twice: " + spec.method() + " " + spec.path());
    }
    routes.add(spec);
    return this;
  }

  List<RouteSpec> routes() {
    return List.copyOf(routes);
  }

  /** Registers every route behind the authenticator's check; refusals of known callers are audited. */
  void install(JavalinConfig cfg, DeniedAccess access) {
    for (RouteSpec r : routes) {
      io.javalin.http.Handler h = ctx -> r.handler().handle(ctx, access.check(ctx, r));
      switch (r.method()) {
        case "GET" -> cfg.routes.get(r.path(), h);
        case "POST" -> cfg.routes.post(r.path(), h);
        case "DELETE" -> cfg.routes.delete(r.path(), h);
        default -> throw new IllegalArgumentException("unsupported method " + r.method());
      }
    }
  }
}
