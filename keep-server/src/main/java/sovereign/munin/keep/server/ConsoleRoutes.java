package sovereign.munin.keep.server;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.UserView;
import sovereign.munin.keep.governance.Role;

/**
 * The web console: server-rendered pages under {@code /console}, declared in the same route table as the API
 * so that the same authenticator, permissions and step-up rules apply, calling the same use cases.
 */
final class ConsoleRoutes {

  static final String PREFIX = "/console";
  /** Pages a user whose one-time password is not yet changed may still reach. */
  static final String AUTH_PAGES = "/console/auth/";
  /** The hidden form field that carries the session's CSRF token. */
  static final String CSRF_FIELD = "csrf";

  private ConsoleRoutes() {}

  static boolean owns(String path) {
    return path.equals("/") || path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  static void register(RouteTable t, KeepInstance instance, Identity id, Resources resources) {
    t.get("/").open().does("The console's start page", (ctx, caller) -> ConsolePage.redirect(ctx, PREFIX));
    t.get(PREFIX).on(Resource.SELF).by(CallerKind.BROWSER).does("Console: who am I, roles, projects, MFA",
        (ctx, caller) -> {
      UserView user = id.users().byId(caller.userId());
      ConsoleDirectory names = new ConsoleDirectory(id);
      Map<String, Object> m = ConsolePage.model(ctx, caller, "Profile");
      m.put("name", user.name());
      m.put("role", user.role());
      m.put("mfa", id.hasMfa(user));
      m.put("mfaSummary", ConsolePasskeys.summary(id, user));
      Map<String, String> projects = new TreeMap<>();
      caller.actor().projectRoles().forEach((p, roles) -> projects.put(names.project(p), roles(roles)));
      m.put("hasProjects", !projects.isEmpty());
      m.put("projects", projects.entrySet().stream().map(e -> Map.of("name", e.getKey(), "roles", e.getValue()))
          .toList());
      ConsoleView.render(ctx, "profile", m);
    });
    ConsoleAssets.register(t);
    ConsoleLogin.register(t, id);
    ConsoleMfa.register(t, id);
    ConsolePasskeys.register(t, id);
    ConsoleAccess.register(t, id, instance.clock(), resources);
    ConsoleReviews.register(t, id, resources);
  }

  private static String roles(Set<Role> roles) {
    return roles.stream().map(Role::id).sorted().collect(Collectors.joining(", "));
  }
}
