package sovereign.munin.keep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.NewUser;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.store.identity.MemberRow;
import sovereign.munin.keep.store.identity.ProjectRow;
import sovereign.munin.keep.store.identity.UserRow;

/** Users and projects: administration and need-to-know reads. */
final class IdentityRoutes {

  /** Body to create a user. */
  record UserRequest(String name, String role) {}

  /** Body to create a project. */
  record ProjectRequest(String name, String owner) {}

  /** Body to add a member. */
  record MemberRequest(String user, String role) {}

  private IdentityRoutes() {}

  static void register(RouteTable t, Identity id) {
    t.get("/api/v1/users", "user.read", "List users", (ctx, caller) ->
        ctx.json(id.users().list().stream().map(u -> user(u, id.hasMfa(u))).toList()));
    t.postSensitive("/api/v1/users", "user.manage", "Create a user (one-time password shown once)",
        (ctx, caller) -> {
          UserRequest req = ctx.bodyAsClass(UserRequest.class);
          NewUser u = id.users().create(caller.auditId(), req.name(), req.role());
          ctx.status(201).json(Map.of("id", u.id(), "name", u.name(), "role", u.role(),
              "oneTimePassword", u.password().value()));
        });
    t.add(new RouteSpec("POST", "/api/v1/users/{name}/disable", "user.manage", null, true,
        "Disable a user and end their sessions", (ctx, caller) -> {
          id.users().disable(caller.auditId(), ctx.pathParam("name"));
          ctx.status(204);
        }));
    t.get("/api/v1/projects", "project.read", "List the projects the caller may see", (ctx, caller) ->
        ctx.json(id.projects().list().stream()
            .filter(p -> Authenticator.sees(caller, Permission.PROJECT_READ, p.id()))
            .map(IdentityRoutes::project).toList()));
    t.post("/api/v1/projects", "project.manage", "Create a project with its owner", (ctx, caller) -> {
      ProjectRequest req = ctx.bodyAsClass(ProjectRequest.class);
      ctx.status(201).json(project(id.projects().create(caller.auditId(), req.name(), req.owner())));
    });
    t.add(new RouteSpec("GET", "/api/v1/projects/{project}", "project.read", "project", false,
        "One project and its members", (ctx, caller) -> {
          ProjectRow p = id.projects().byId(ctx.pathParam("project"));
          Map<String, Object> m = project(p);
          m.put("members", id.projects().members(p.id()).stream().map(IdentityRoutes::member).toList());
          ctx.json(m);
        }));
    t.add(new RouteSpec("POST", "/api/v1/projects/{project}/members", "project.manage", null, false,
        "Give a user a standing project role", (ctx, caller) -> {
          ProjectRow p = id.projects().byId(ctx.pathParam("project"));
          MemberRequest req = ctx.bodyAsClass(MemberRequest.class);
          ctx.status(201).json(member(id.projects().addMember(caller.auditId(), p.name(), req.user(), req.role())));
        }));
  }

  static Map<String, Object> user(UserRow u, boolean mfa) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("name", u.name());
    m.put("role", u.role());
    m.put("disabled", u.isDisabled());
    m.put("mfa", mfa);
    m.put("mustChangePassword", u.mustChange());
    return m;
  }

  static Map<String, Object> project(ProjectRow p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("createdAt", Instant.ofEpochMilli(p.createdAt()).toString());
    return m;
  }

  static Map<String, Object> member(MemberRow r) {
    return Map.of("project", r.projectId(), "user", r.userId(), "role", r.role(),
        "since", Instant.ofEpochMilli(r.addedAt()).toString());
  }
}
