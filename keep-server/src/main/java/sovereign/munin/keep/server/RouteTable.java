package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.StateGenerations;

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

  /**
   * Registers every route behind the authenticator's check; refusals of known callers are audited. Each request
   * reads the state change counter once and shares it (see {@link StateGenerations#sharedWithin}), and counts as a
   * caller that may write to the state database ({@link Database#announcingWrite}).
   */
  void install(JavalinConfig cfg, DeniedAccess access, Database state) {
    for (RouteSpec r : routes) {
      // One reading of the state change counter serves the whole request (authentication and every cache).
      io.javalin.http.Handler h = ctx -> state.announcingWrite(() -> StateGenerations.sharedWithin(() -> {
        r.handler().handle(ctx, access.check(ctx, r));
        return null;
      }));
      switch (r.method()) {
        case "GET" -> cfg.routes.get(r.path(), h);
        case "POST" -> cfg.routes.post(r.path(), h);
        case "DELETE" -> cfg.routes.delete(r.path(), h);
        default -> throw new IllegalArgumentException("unsupported method " + r.method());
      }
    }
  }
}
