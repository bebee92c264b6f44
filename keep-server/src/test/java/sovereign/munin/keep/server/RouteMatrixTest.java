package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.seal.DevUnsealFile;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.governance.RolePermissions;

/**
 * Every route in the table, called by every role: allowed exactly when the role-permission table says so
 * (project roles held in the project the route names), and the OpenAPI document matches the router.
 */
class RouteMatrixTest {

  @TempDir
  Path base;

  ServerFixture f;
  String project;
  final Map<Role, String> userIds = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    f = newFixture(base);
    f.user("victim", "developer");
    String ownerOfOther = f.user("other-owner", "developer");
    for (Role r : Role.values()) {
      userIds.put(r, f.user("m-" + r.id(), r.id()));
    }
    project = f.identity.projects().create("test", "matrix", "m-project-owner").id();
    f.identity.projects().addMember("test", "matrix", "m-developer", "developer");
    f.identity.projects().create("test", "elsewhere", "other-owner");
    assertThat(ownerOfOther).isNotBlank();
  }

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private boolean expected(Role role, RouteSpec r) {
    if (r.access().equals(RouteSpec.PUBLIC) || r.access().equals(RouteSpec.AUTHENTICATED)) {
      return true;
    }
    Permission p = Permission.fromId(r.access()).orElseThrow();
    boolean inProject = role.scope() == Role.Scope.PROJECT && RolePermissions.allows(role, p);
    if (p.scope() == Permission.Scope.SYSTEM) {
      return RolePermissions.allows(role, p);
    }
    return role.scope() == Role.Scope.GLOBAL ? RolePermissions.allows(role, p) : inProject;
  }

  private String concrete(String path) {
    return path.replace("{project}", project).replace("{name}", "victim").replace("{id}", "r_unknown")
        .replace("{review}", "v_unknown").replace("{grant}", "r_unknown").replace("<path>", "0/000")
        .replace("{file}", "pico.css");
  }

  @Test
  void everyRole_everyRoute_allowedExactlyAsTheTableSays() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int calls = 0;
    for (RouteSpec r : f.server.routes().routes()) {
      for (Role role : Role.values()) {
        String token = f.loginToken(userIds.get(role));
        HttpResponse<String> res = f.withToken(r.method(), concrete(r.path()), r.method().equals("GET") ? null
            : "{}", token);
        calls++;
        String type = problemType(res);
        // Only the authoriser's own refusals count; a handler may still answer 400, 401 or 404 to "{}".
        boolean refused = type.equals("unauthenticated") || type.equals("forbidden");
        if (refused == expected(role, r) || res.statusCode() == 500) {
          mismatches.add(role.id() + " " + r.method() + " " + r.path() + " -> " + res.statusCode() + " " + type);
        }
        if (f.instance.seal().isSealed()) {
          f.instance.seal().unsealWith(DevUnsealFile.read(f.instance.dataDirectory().devUnsealFile()));
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(calls).isEqualTo(f.server.routes().routes().size() * Role.values().length);
  }

  /** The problem type of a refusal: from problem+json on API routes, from the error page on console routes. */
  static String problemType(HttpResponse<String> res) throws Exception {
    if (res.body().contains("urn:munin-keep:problem:")) {
      return ServerFixture.json(res).path("type").asText().replace("urn:munin-keep:problem:", "");
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-problem=\"([a-z0-9-]+)\"").matcher(res.body());
    if (m.find()) {
      return m.group(1);
    }
    // A console page sends a caller without a session to the sign-in page.
    return res.statusCode() == 303 && res.headers().firstValue("Location").orElse("").startsWith("/console/auth/login?next=")
        ? "unauthenticated" : "";
  }

  @Test
  void anonymous_everyNonPublicRoute_isUnauthenticated() throws Exception {
    for (RouteSpec r : f.server.routes().routes()) {
      if (!r.access().equals(RouteSpec.PUBLIC)) {
        HttpResponse<String> res = f.withToken(r.method(), concrete(r.path()), r.method().equals("GET") ? null
            : "{}", null);
        if (ConsoleRoutes.owns(r.path())) {
          assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(303);
          assertThat(problemType(res)).as(r.method() + " " + r.path()).isEqualTo("unauthenticated");
        } else {
          assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
        }
      }
    }
  }

  @Test
  void consoleRoutes_areInTheMatrix_andEachDeclaresItsAccess() {
    List<RouteSpec> console = f.server.routes().routes().stream().filter(r -> ConsoleRoutes.owns(r.path())).toList();
    assertThat(console).extracting(r -> r.method() + " " + r.path()).contains("GET /console", "GET /console/requests",
        "POST /console/approvals/{id}/approve", "GET /console/report", "POST /console/auth/login");
    // Deny by default: only the sign-in page, the start redirect and the stylesheets are open to anyone.
    assertThat(console.stream().filter(r -> r.access().equals(RouteSpec.PUBLIC)).map(RouteSpec::path).distinct())
        .containsExactlyInAnyOrder("/", "/console/auth/login", "/console/assets/{file}");
    assertThat(console.stream().filter(r -> r.path().contains("/approvals/") || r.path().contains("/reviews/")))
        .allMatch(RouteSpec::stepUp);
  }

  @Test
  void openApi_listsExactlyTheServedRoutes_withTheirPermission() throws Exception {
    HttpResponse<String> res = f.withToken("GET", "/api/v1/openapi.json", null, null);
    var doc = ServerFixture.json(res);
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    Set<String> documented = new HashSet<>();
    doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
      assertThat(op.getValue().path("x-permission").asText()).isNotBlank();
    }));
    Set<String> served = new HashSet<>(f.server.servedRoutes());
    served.removeIf(route -> ConsoleRoutes.owns(route.substring(route.indexOf(' ') + 1)));
    assertThat(documented).isEqualTo(served);
    assertThat(doc.path("paths").path("/api/v1/users").path("post").path("x-permission").asText())
        .isEqualTo("user.manage");
    var paths = doc.path("paths");
    assertThat(paths.path("/api/v1/auth/login/webauthn").path("post").path("x-permission").asText())
        .isEqualTo("public");
    for (String p : List.of("/api/v1/auth/mfa/webauthn/register/options", "/api/v1/auth/mfa/webauthn/register",
        "/api/v1/auth/step-up/webauthn/options", "/api/v1/auth/step-up/webauthn")) {
      assertThat(paths.path(p).path("post").path("x-permission").asText()).as(p).isEqualTo("authenticated");
      assertThat(paths.path(p).path("post").path("x-step-up").asBoolean()).as(p).isFalse();
    }
    assertThat(paths.path("/api/v1/auth/mfa/webauthn").path("get").path("x-permission").asText())
        .isEqualTo("authenticated");
    assertThat(paths.path("/api/v1/auth/mfa/webauthn/{id}/remove").path("post").path("x-step-up").asBoolean())
        .isTrue();
  }
}
