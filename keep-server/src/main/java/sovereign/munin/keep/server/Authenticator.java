package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.StateGeneration;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.SessionView;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.governance.RolePermissions;

/**
 * Enforces a route's declaration before its handler runs, in this order: sealed instances answer only the routes
 * declared for that; then the caller (API token or session cookie), CSRF on every state-changing cookie request,
 * the declared caller kinds, the one-time password, the resource and its project, the permission there (a
 * resource the caller may not see answers 404, as a missing one does), token narrowing, and a fresh MFA check.
 * Refusals do not say which part of a credential was wrong.
 */
final class Authenticator {

  static final String COOKIE = "keep_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  /** A token request is small; a larger body is treated as asking for keys, and its handler refuses it anyway. */
  private static final int MAX_BODY_FOR_KEYS = 64 * 1024;

  private final Identity identity;
  private final SealState seal;
  private final TokenCallers tokenCallers;

  Authenticator(Identity identity, StateGeneration generation, SealState seal, java.time.Clock clock) {
    this.identity = identity;
    this.seal = seal;
    this.tokenCallers = new TokenCallers(identity, generation, clock);
  }

  Identity identity() {
    return identity;
  }

  /** The authorised caller for {@code route}, null on public routes; throws 401, 403, 404 or 503 otherwise. */
  Authorised check(Context ctx, RouteSpec route) {
    if (!route.whileSealed() && seal.isSealed()) {
      throw new KeepException(KeepException.Kind.SEALED, "sealed", "the instance is sealed: only health, status "
          + "and unseal answer until it is unsealed ('keep unseal')");
    }
    if (route.open()) {
      return null;
    }
    Caller caller = authenticate(ctx).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer");
      return new KeepException(KeepException.Kind.UNAUTHENTICATED, "unauthenticated", "this call needs a session "
          + "(POST /api/v1/auth/login) or an API token (Authorization: Bearer <token>); none was valid");
    });
    if (caller.session() != null && !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
      checkCsrf(ctx, route, caller.session());
    }
    if (!route.callers().contains(caller.kind())) {
      throw CallerRefusals.of(caller, route, ctx);
    }
    if (caller.mustChangePassword() && route.resource().kind() != Resource.Kind.SELF) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "password-change-required", "change the one-time "
          + "password first: 'keep password' (POST /api/v1/auth/password)");
    }
    Target target = route.resource().resolve(ctx);
    permit(caller, route, target, ctx);
    freshMfa(caller, route, ctx);
    return new Authorised(caller, target);
  }

  private static void checkCsrf(Context ctx, RouteSpec route, SessionView session) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && ConsoleRoutes.owns(route.path())) {
      // Console forms work without JavaScript, so they carry the token as a hidden field instead of a header.
      sent = ctx.formParam(ConsoleRoutes.CSRF_FIELD);
    }
    if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "csrf-token-missing", "a state-changing request "
          + "with a session cookie needs the session's CSRF token in the " + CSRF_HEADER + " header");
    }
  }

  /** The declared permission, held where the resource is; what the caller may not see answers as missing. */
  private static void permit(Caller caller, RouteSpec route, Target target, Context ctx) {
    Resource res = route.resource();
    switch (res.kind()) {
      case NONE, SELF -> {
        if (!route.anyOf().isEmpty() && route.anyOf().stream().noneMatch(p -> allowed(caller, p, null))) {
          throw forbidden(route.anyOf(), null);
        }
      }
      case EVERYWHERE -> {
        if (route.anyOf().stream().noneMatch(p -> everywhere(caller, p))) {
          String roles = Arrays.stream(Role.values()).filter(r -> r.scope() == Role.Scope.GLOBAL
              && route.anyOf().stream().anyMatch(p -> RolePermissions.allows(r, p))).map(Role::id)
              .collect(Collectors.joining(", "));
          throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '"
              + route.access() + "' permission in every project, through a global role and a token not narrowed "
              + "to projects; roles that grant it everywhere: " + roles);
        }
      }
      case TOKEN -> {
        boolean own = target.ownerUserId() != null && target.ownerUserId().equals(caller.userId());
        if (!own && route.anyOf().stream().noneMatch(p -> everywhere(caller, p))) {
          throw new HiddenResource(res.notFound().of(ctx));
        }
      }
      default -> {
        if (res.kind() == Resource.Kind.KEY && caller.kind() == CallerKind.KEY_TOKEN
            && !caller.tokenKeys().contains(target.name())) {
          throw new HiddenResource(res.notFound().of(ctx));
        }
        if (route.anyOf().stream().noneMatch(p -> allowed(caller, p, target.projectId()))) {
          if (res.seeWith() != null && !allowed(caller, res.seeWith(), target.projectId())) {
            throw new HiddenResource(res.notFound().of(ctx));
          }
          throw forbidden(route.anyOf(), target.projectName());
        }
      }
    }
  }

  /**
   * A fresh MFA check where the route asks for one: sessions and login tokens alike. Machine tokens pass only
   * where the route admits them (key uses: they are held to their keys), the bootstrap token where declared.
   */
  private void freshMfa(Caller caller, RouteSpec route, Context ctx) {
    if (route.freshMfa() == RouteSpec.StepUp.NONE) {
      return;
    }
    CallerKind kind = caller.kind();
    if (kind != CallerKind.SESSION && kind != CallerKind.LOGIN_TOKEN) {
      return;
    }
    if (route.freshMfa() == RouteSpec.StepUp.FRESH_FOR_KEYS && !namesKeys(ctx)) {
      return;
    }
    if (route.freshMfa() == RouteSpec.StepUp.FRESH_IF_ENROLLED && !identity.hasMfa(
        identity.users().byId(caller.userId()))) {
      return;
    }
    boolean fresh = kind == CallerKind.SESSION ? identity.sessions().recentMfa(caller.session())
        : identity.tokens().recentMfa(caller.token().id(), identity.sessions().policy());
    if (!fresh && !identity.hasMfa(identity.users().byId(caller.userId()))) {
      // Only a second factor makes a caller fresh: without one, say how to get one.
      throw new KeepException(KeepException.Kind.FORBIDDEN, "step-up-required", "this action needs a fresh MFA "
          + "check, and your account has no second factor yet: enrol one ('keep mfa totp', or a passkey in the "
          + "console), then run 'keep step-up' and retry");
    }
    if (!fresh) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "step-up-required", "this action needs a fresh MFA "
          + "check: run 'keep step-up' (or step up in the console, POST /api/v1/auth/step-up), then retry");
    }
  }

  /** Whether the JSON body has a non-empty {@code keys} array (a body that is no JSON object names none). */
  private static boolean namesKeys(Context ctx) {
    String body = ctx.body();
    if (body.isBlank() || body.length() > MAX_BODY_FOR_KEYS) {
      return !body.isBlank();
    }
    try {
      com.fasterxml.jackson.databind.JsonNode keys = JSON.readTree(body).path("keys");
      return keys.isArray() && !keys.isEmpty() || keys.isTextual();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static boolean allowed(Caller caller, Permission p, String project) {
    Set<String> perms = caller.tokenPermissions();
    if (!perms.isEmpty() && !perms.contains(p.id())) {
      return false;
    }
    Actor a = caller.actor();
    if (p.scope() == Permission.Scope.SYSTEM) {
      return a.permits(p);
    }
    if (project == null) {
      // A listing: allowed to ask when held anywhere; the handler shows only the projects the caller may see.
      return a.globalRoles().stream().anyMatch(r -> r.scope() == Role.Scope.GLOBAL && RolePermissions.allows(r, p))
          || a.projectRoles().values().stream().flatMap(Set::stream).anyMatch(r -> RolePermissions.allows(r, p));
    }
    Set<String> projects = caller.tokenProjects();
    return (projects.isEmpty() || projects.contains(project)) && a.permits(p, project);
  }

  /** The permission through a global role, with a token narrowed neither to projects nor away from it. */
  static boolean everywhere(Caller caller, Permission p) {
    // A project role held as a base role ("developer" with no project) grants nothing everywhere.
    return caller.actor().globalRoles().stream().anyMatch(r -> r.scope() == Role.Scope.GLOBAL
        && RolePermissions.allows(r, p))
        && (caller.tokenPermissions().isEmpty() || caller.tokenPermissions().contains(p.id()))
        && caller.tokenProjects().isEmpty();
  }

  /** Names where the permission is missing, and which roles would grant it, so the refused person knows whom to ask. */
  private static KeepException forbidden(List<Permission> any, String projectName) {
    String where = projectName != null ? " in project '" + projectName + "'" : "";
    String roles = Arrays.stream(Role.values()).filter(r -> any.stream().anyMatch(p -> RolePermissions.allows(r, p)))
        .map(r -> r.id() + (r.scope() == Role.Scope.PROJECT && projectName == null ? " (of a project)" : ""))
        .collect(Collectors.joining(", "));
    String needs = any.stream().map(Permission::id).collect(Collectors.joining("' or '"));
    return new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + needs
        + "' permission" + where + (roles.isEmpty() ? "" : "; roles that grant it: " + roles));
  }

  /** The caller from a Bearer token or, failing that, from the session cookie. */
  Optional<Caller> authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      if (!header.startsWith("Bearer ")) {
        return Optional.empty();
      }
      return tokenCallers.resolve(header.substring("Bearer ".length()).strip());
    }
    return identity.sessions().resolve(ctx.cookie(COOKIE)).flatMap(this::fromSession);
  }

  private Optional<Caller> fromSession(SessionView s) {
    return identity.users().enabled(s.userId())
        .map(u -> new Caller(identity.actors().of(u), u.id(), s, null, u.mustChangePassword()));
  }
}
