package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.governance.RolePermissions;
import sovereign.munin.keep.store.identity.SessionRow;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.UserRow;

/**
 * Finds the caller (API token or session cookie) and checks the route's declared access: deny unless a rule
 * allows, CSRF token on every state-changing cookie request, project-scoped checks, token narrowing, step-up.
 * Refusals do not say which part of a credential was wrong.
 */
final class Authenticator {

  static final String COOKIE = "keep_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final Identity identity;
  private final sovereign.munin.keep.store.Database state;
  private final TokenCallers tokenCallers;

  Authenticator(Identity identity, sovereign.munin.keep.store.Database state, java.time.Clock clock) {
    this.identity = identity;
    this.state = state;
    this.tokenCallers = new TokenCallers(identity, state, clock);
  }

  Identity identity() {
    return identity;
  }

  /** The authorised caller for {@code route}, null on public routes; throws 401 or 403 otherwise. */
  Caller check(Context ctx, RouteSpec route) {
    if (route.access().equals(RouteSpec.PUBLIC)) {
      return null;
    }
    Caller caller = authenticate(ctx).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer");
      return new KeepException(KeepException.Kind.UNAUTHENTICATED, "unauthenticated", "this call needs a session "
          + "(POST /api/v1/auth/login) or an API token (Authorization: Bearer <token>); none was valid");
    });
    if (caller.session() != null && !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
      String sent = ctx.header(CSRF_HEADER);
      if (sent == null && ConsoleRoutes.owns(route.path())) {
        // Console forms work without JavaScript, so they carry the token as a hidden field instead of a header.
        sent = ctx.formParam(ConsoleRoutes.CSRF_FIELD);
      }
      if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
          caller.session().csrfToken().getBytes(StandardCharsets.UTF_8))) {
        throw new KeepException(KeepException.Kind.FORBIDDEN, "csrf-token-missing", "a state-changing request "
            + "with a session cookie needs the session's CSRF token in the " + CSRF_HEADER + " header");
      }
    }
    if (caller.mustChangePassword() && !route.path().startsWith("/api/v1/auth/")
        && !route.path().startsWith(ConsoleRoutes.AUTH_PAGES)) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "password-change-required", "change the one-time "
          + "password first: POST /api/v1/auth/password");
    }
    if (!route.access().equals(RouteSpec.AUTHENTICATED)) {
      Permission p = Permission.fromId(route.access()).orElseThrow();
      String project = route.projectParam() == null ? null : ctx.pathParam(route.projectParam());
      if (!allowed(caller, p, project)) {
        throw forbidden(p, project);
      }
    }
    if (route.stepUp() && caller.session() != null && !identity.sessions().recentMfa(caller.session())) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "step-up-required", "this action needs a fresh MFA "
          + "check: POST /api/v1/auth/step-up with a TOTP code, or /api/v1/auth/step-up/webauthn with a security "
          + "key, then retry");
    }
    if (route.stepUp() && caller.session() == null) {
      checkTokenStepUp(caller, route);
    }
    return caller;
  }

  /** Matches the key-use routes a key-scoped machine token may call without a person behind it. */
  private static final java.util.regex.Pattern KEY_USE =
      java.util.regex.Pattern.compile("/api/v1/keys/\\{name}/(sign|encrypt|decrypt)");

  /**
   * Sensitive actions by token: a person's login token needs a fresh MFA check ({@code keep step-up}), like a
   * session; a machine token may only use keys (KeyAccess then holds it to its own keys and says so); the bootstrap
   * admin token, printed once at init, stays the break-glass credential.
   */
  private void checkTokenStepUp(Caller caller, RouteSpec route) {
    if (caller.userId() == null) {
      return;
    }
    if (caller.machineToken()) {
      boolean keyScopedOnKeys = !caller.tokenKeys().isEmpty() && route.path().startsWith("/api/v1/keys");
      if (!KEY_USE.matcher(route.path()).matches() && !keyScopedOnKeys) {
        throw new KeepException(KeepException.Kind.FORBIDDEN, "person-required", "this sensitive action needs a "
            + "person with a fresh MFA check (a browser session, or 'keep login' then 'keep step-up'); machine "
            + "tokens may only use the keys they are scoped to");
      }
      return;
    }
    if (!identity.tokens().recentMfa(caller.token().id(), identity.sessions().policy().stepUp())) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "step-up-required", "this action needs a fresh MFA "
          + "check: run 'keep step-up' with a TOTP code (POST /api/v1/auth/step-up), then retry");
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
      return a.globalRoles().stream().anyMatch(r -> RolePermissions.allows(r, p))
          || a.projectRoles().values().stream().flatMap(Set::stream).anyMatch(r -> RolePermissions.allows(r, p));
    }
    Set<String> projects = caller.tokenProjects();
    return (projects.isEmpty() || projects.contains(project)) && a.permits(p, project);
  }

  /** Whether the caller may see project data in {@code project} with {@code p}. */
  static boolean sees(Caller caller, Permission p, String project) {
    return allowed(caller, p, project);
  }

  /** Names where the permission is missing, and which roles would grant it, so the refused person knows whom to ask. */
  private static KeepException forbidden(Permission p, String project) {
    String where = project != null ? " in project '" + project + "'" : "";
    String roles = java.util.Arrays.stream(Role.values()).filter(r -> RolePermissions.allows(r, p))
        .map(r -> r.id() + (r.scope() == Role.Scope.PROJECT && project == null ? " (of a project)" : ""))
        .collect(java.util.stream.Collectors.joining(", "));
    return new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + p.id()
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

  private Optional<Caller> fromSession(SessionRow s) {
    return user(s.userId()).map(u -> new Caller(identity.actors().of(u), u.id(), s, null, u.mustChange()));
  }

  private Optional<UserRow> user(String id) {
    return state.read(h -> h.attach(UserDao.class).findById(id)).filter(u -> !u.isDisabled());
  }
}
