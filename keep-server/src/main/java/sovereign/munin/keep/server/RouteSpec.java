package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import sovereign.munin.keep.governance.Permission;

/**
 * One route and everything its authorisation depends on, declared in one place: the permission (or
 * {@link #PUBLIC}, or {@link #AUTHENTICATED} for routes about the caller's own account), the resource it is
 * scoped to and how that resource's project is found, which caller kinds may call it, whether it needs a fresh
 * MFA check, and whether it answers while the instance is sealed. {@link Authenticator} enforces all of it before
 * the handler runs; handlers hold no authorisation code.
 */
record RouteSpec(String method, String path, List<Permission> anyOf, boolean open, Resource resource,
    Set<CallerKind> callers, StepUp freshMfa, boolean whileSealed, String summary, Handler handler) {

  static final String PUBLIC = "public";
  static final String AUTHENTICATED = "authenticated";

  /** When a route needs a recent MFA check from the person calling. */
  enum StepUp {
    NONE("no"),
    /** Always, from people; machine tokens are held to their scope instead, where a route admits them. */
    FRESH("yes"),
    /** When the account already has a second factor: adding or removing one must not be open to a thief. */
    FRESH_IF_ENROLLED("if-mfa-enrolled"),
    /**
     * When the request asks for use of private keys (its JSON body names {@code keys}): minting a key-scoped token
     * hands a machine what {@code keep key sign} would ask a fresh MFA check for.
     */
    FRESH_FOR_KEYS("if-the-body-names-keys");

    private final String id;

    StepUp(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }
  }

  /** A route body, given the authorised caller and the resolved resource (null caller on public routes). */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, Authorised caller) throws Exception;
  }

  RouteSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    anyOf = List.copyOf(anyOf);
    Objects.requireNonNull(resource, "resource");
    callers = Set.copyOf(callers);
    Objects.requireNonNull(freshMfa, "freshMfa");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    String where = method + " " + path;
    if (open && (!anyOf.isEmpty() || !callers.isEmpty() || freshMfa != StepUp.NONE)) {
      throw new IllegalArgumentException("a public route declares no permission, callers or step-up: " + where);
    }
    if (!open && callers.isEmpty()) {
      throw new IllegalArgumentException("a route must declare which callers may use it: " + where);
    }
    if (resource.projectScoped() && anyOf.stream().anyMatch(p -> p.scope() == Permission.Scope.SYSTEM)) {
      throw new IllegalArgumentException("a project-scoped route needs project permissions: " + where);
    }
    if (resource.kind() == Resource.Kind.SELF && callers.contains(CallerKind.BOOTSTRAP)) {
      throw new IllegalArgumentException("the bootstrap token has no account of its own: " + where);
    }
    if (freshMfa != StepUp.NONE && callers.contains(CallerKind.MACHINE_TOKEN)) {
      throw new IllegalArgumentException("a step-up route cannot admit unnarrowed machine tokens: " + where);
    }
  }

  /** {@link #PUBLIC}, {@link #AUTHENTICATED}, or the permission ids any one of which suffices, joined by "|". */
  String access() {
    if (open) {
      return PUBLIC;
    }
    return anyOf.isEmpty() ? AUTHENTICATED : anyOf.stream().map(Permission::id).collect(Collectors.joining("|"));
  }

  /** Whether the route needs a fresh MFA check in some case. */
  boolean stepUp() {
    return freshMfa != StepUp.NONE;
  }
}
