package sovereign.munin.keep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.MemberView;
import sovereign.munin.keep.app.identity.NewUser;
import sovereign.munin.keep.app.identity.ProjectView;
import sovereign.munin.keep.app.identity.UserView;
import sovereign.munin.keep.governance.Permission;

/** Users and projects: administration and need-to-know reads. */
final class IdentityRoutes {

  /** Body to create a user. */
  record UserRequest(String name, String role) {}

  /** Body to create a project. */
  record ProjectRequest(String name, String owner) {}

  private IdentityRoutes() {}

  /**
   * Users and projects. Membership has no route of its own: an admin creates a project and names its first owner;
   * every later role in it is an access request approved by the project owner and the security team.
   */
  static void register(RouteTable t, Identity id, Resources resources) {
    t.get("/api/v1/users").needs(Permission.USER_READ).by(CallerKind.ALL_BUT_KEY_TOKENS).does("List users",
        (ctx, caller) -> ctx.json(id.users().list().stream().map(u -> user(u, id.hasMfa(u))).toList()));
    t.post("/api/v1/users").needs(Permission.USER_MANAGE).by(CallerKind.PEOPLE_AND_BOOTSTRAP).stepUp()
        .does("Create a user (one-time password shown once)", (ctx, caller) -> {
          UserRequest req = ctx.bodyAsClass(UserRequest.class);
          NewUser u = id.users().create(caller.auditId(), req.name(), req.role());
          ctx.status(201).json(Map.of("id", u.id(), "name", u.name(), "role", u.role(),
              "oneTimePassword", u.password().value()));
        });
    t.post("/api/v1/users/{name}/disable").needs(Permission.USER_MANAGE).by(CallerKind.PEOPLE_AND_BOOTSTRAP)
        .stepUp().does("Disable a user and end their sessions", (ctx, caller) -> {
          id.users().disable(caller.auditId(), ctx.pathParam("name"));
          ctx.status(204);
        });
    t.get("/api/v1/projects").needs(Permission.PROJECT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("List the projects the caller may see", (ctx, caller) -> ctx.json(id.projects().list().stream()
            .filter(p -> caller.sees(Permission.PROJECT_READ, p.id())).map(IdentityRoutes::project).toList()));
    t.post("/api/v1/projects").needs(Permission.PROJECT_MANAGE).by(CallerKind.PEOPLE_AND_BOOTSTRAP).stepUp()
        .does("Create a project with its first owner", (ctx, caller) -> {
          ProjectRequest req = ctx.bodyAsClass(ProjectRequest.class);
          ctx.status(201).json(project(id.projects().create(caller.auditId(), req.name(), req.owner())));
        });
    t.get("/api/v1/projects/{project}").needs(Permission.PROJECT_READ).on(resources.project("project"))
        .by(CallerKind.ALL_BUT_KEY_TOKENS).does("One project and its members", (ctx, caller) -> {
          ProjectView p = id.projects().byId(caller.target().projectId());
          Map<String, Object> m = project(p);
          m.put("members", id.projects().members(p.id()).stream().map(IdentityRoutes::member).toList());
          ctx.json(m);
        });
  }

  static Map<String, Object> user(UserView u, boolean mfa) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("name", u.name());
    m.put("role", u.role());
    m.put("disabled", u.disabled());
    m.put("mfa", mfa);
    m.put("mustChangePassword", u.mustChangePassword());
    return m;
  }

  static Map<String, Object> project(ProjectView p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("createdAt", Instant.ofEpochMilli(p.createdAt()).toString());
    return m;
  }

  static Map<String, Object> member(MemberView r) {
    return Map.of("project", r.projectId(), "user", r.userId(), "role", r.role(),
        "since", Instant.ofEpochMilli(r.addedAt()).toString());
  }
}
