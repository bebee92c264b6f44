package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.Permission;

/** Every route with its whole authorisation declaration, in one table: the router, the OpenAPI document and tests read it. */
final class RouteTable {

  private final List<RouteSpec> routes = new ArrayList<>();

  Declaring get(String path) {
    return new Declaring("GET", path);
  }

  Declaring post(String path) {
    return new Declaring("POST", path);
  }

  /** One route being declared; {@link #does} adds it. Nothing is allowed that the declaration does not say. */
  final class Declaring {
    private final String method;
    private final String path;
    private boolean open;
    private List<Permission> anyOf = List.of();
    private Resource resource = Resource.NONE;
    private Set<CallerKind> callers = Set.of();
    private RouteSpec.StepUp stepUp = RouteSpec.StepUp.NONE;
    private boolean whileSealed;

    private Declaring(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** Anyone, signed in or not. */
    Declaring open() {
      this.open = true;
      return this;
    }

    /** The caller needs one of these permissions, where the resource is (or anywhere, on listings). */
    Declaring needs(Permission... any) {
      this.anyOf = List.of(any);
      return this;
    }

    Declaring on(Resource r) {
      this.resource = r;
      return this;
    }

    Declaring by(Set<CallerKind> kinds) {
      this.callers = kinds;
      return this;
    }

    Declaring stepUp() {
      this.stepUp = RouteSpec.StepUp.FRESH;
      return this;
    }

    /** A fresh MFA check when the request's body names keys (it asks for use of private keys). */
    Declaring stepUpForKeys() {
      this.stepUp = RouteSpec.StepUp.FRESH_FOR_KEYS;
      return this;
    }

    Declaring stepUpIfEnrolled() {
      this.stepUp = RouteSpec.StepUp.FRESH_IF_ENROLLED;
      return this;
    }

    /** Answers while the instance is sealed: health, status and unseal only. */
    Declaring whileSealed() {
      this.whileSealed = true;
      return this;
    }

    void does(String summary, RouteSpec.Handler h) {
      add(new RouteSpec(method, path, anyOf, open, resource, callers, stepUp, whileSealed, summary, h));
    }
  }

  /** The probe's answer: the request got past the authoriser. */
  private static void probe(io.javalin.http.Context ctx, Authorised caller) {
    ctx.body(); // read as a handler would, so the connection stays usable for the next request
    ctx.json(java.util.Map.of("authorised", true));
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
   * runs as one request of the instance ({@link KeepInstance#perRequest}: one reading of the state change counter,
   * and a caller that may write to the state database). HEAD is answered like GET,
   * through the same check, with no body.
   */
  void install(JavalinConfig cfg, DeniedAccess access, KeepInstance instance, boolean probe) {
    for (RouteSpec r : routes) {
      RouteSpec.Handler handler = probe ? RouteTable::probe : r.handler();
      // One reading of the state change counter serves the whole request (authentication and every cache).
      io.javalin.http.Handler h = ctx -> instance.perRequest(() -> {
        handler.handle(ctx, access.check(ctx, r));
        return null;
      });
      switch (r.method()) {
        case "GET" -> {
          cfg.routes.get(r.path(), h);
          cfg.routes.head(r.path(), h);
        }
        case "POST" -> cfg.routes.post(r.path(), h);
        default -> throw new IllegalArgumentException("unsupported method " + r.method());
      }
    }
  }
}
