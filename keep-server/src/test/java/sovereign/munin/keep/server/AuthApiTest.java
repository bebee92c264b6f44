package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sovereign.munin.keep.server.ServerFixture.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sessions, CSRF, lockout and the caller checks, over real TLS. */
class AuthApiTest {

  @TempDir
  Path base;

  ServerFixture f;

  @BeforeEach
  void start() {
    f = newFixture(base);
  }

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static String type(HttpResponse<String> res) throws Exception {
    return json(res).path("type").asText().replace("urn:munin-keep:problem:", "");
  }

  @Test
  void login_setsStrictSecureHttpOnlyCookie_andNoSecretInBody() throws Exception {
    f.user("alice", "developer");
    HttpResponse<String> res = f.loginResponse("alice", ServerFixture.PASSWORD, null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/");
    assertThat(ServerFixture.cookie(res)).hasSize(43);
    assertThat(res.body()).doesNotContain(ServerFixture.cookie(res));
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, new ServerFixture.Session(ServerFixture.cookie(res),
        json(res).path("csrfToken").asText(), null)).statusCode()).isEqualTo(200);
  }

  @Test
  void login_firstAdminOneTimePassword_mustChangeBeforeAnythingElse() throws Exception {
    String otp = Files.readString(f.instance.dataDirectory().devAdminPassword()).strip();
    HttpResponse<String> res = f.loginResponse("admin", otp, null, null);
    assertThat(json(res).path("mustChangePassword").asBoolean()).isTrue();
    var s = new ServerFixture.Session(ServerFixture.cookie(res), json(res).path("csrfToken").asText(), null);
    HttpResponse<String> users = f.withSession("GET", "/api/v1/users", null, s);
    assertThat(users.statusCode()).isEqualTo(403);
    assertThat(type(users)).isEqualTo("password-change-required");
    assertThat(f.withSession("POST", "/api/v1/auth/password", Map.of("current", otp, "next",
        ServerFixture.PASSWORD), s).statusCode()).isEqualTo(204);
    assertThat(f.withSession("GET", "/api/v1/users", null, s).statusCode()).isEqualTo(200);
  }

  @Test
  void login_wrongPasswordBurst_locksWithSameAnswerAsUnknownUser() throws Exception {
    f.user("alice", "developer");
    HttpResponse<String> unknown = f.loginResponse("nobody", "whatever password", null, null);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = f.loginResponse("alice", "not the password", null, null);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(json(wrong).path("detail")).isEqualTo(json(unknown).path("detail"));
    }
    HttpResponse<String> locked = f.loginResponse("alice", ServerFixture.PASSWORD, null, null);
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(json(locked).path("detail")).isEqualTo(json(unknown).path("detail"));
    assertThat(type(locked)).isEqualTo(type(unknown)).isEqualTo("login-failed");
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void login_withPlantedSessionId_rotatesItAndEndsTheOld() throws Exception {
    f.user("alice", "developer");
    ServerFixture.Session first = f.login("alice");
    HttpResponse<String> again = f.loginResponse("alice", ServerFixture.PASSWORD, null, first.cookie());
    String second = ServerFixture.cookie(again);
    assertThat(second).isNotEqualTo(first.cookie());
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, first).statusCode()).isEqualTo(401);
  }

  @Test
  void post_withCookieButNoCsrfToken_isRefused() throws Exception {
    f.user("alice", "developer");
    ServerFixture.Session s = f.login("alice");
    HttpResponse<String> res = f.send("POST", "/api/v1/auth/logout", "{}",
        Map.of("Cookie", Authenticator.COOKIE + "=" + s.cookie()));
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(type(res)).isEqualTo("csrf-token-missing");
    HttpResponse<String> wrong = f.send("POST", "/api/v1/auth/logout", "{}",
        Map.of("Cookie", Authenticator.COOKIE + "=" + s.cookie(), Authenticator.CSRF_HEADER, "x".repeat(43)));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(f.withSession("POST", "/api/v1/auth/logout", "{}", s).statusCode()).isEqualTo(204);
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, s).statusCode()).isEqualTo(401);
  }

  @Test
  void session_idleOrTooOld_isExpired() throws Exception {
    f.user("alice", "developer");
    ServerFixture.Session s = f.login("alice");
    f.clock.advance(Duration.ofMinutes(14));
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, s).statusCode()).isEqualTo(200);
    f.clock.advance(Duration.ofMinutes(16));
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, s).statusCode()).isEqualTo(401);
    ServerFixture.Session busy = f.login("alice");
    for (int i = 0; i < 60; i++) {
      f.clock.advance(Duration.ofMinutes(14));
      f.withSession("GET", "/api/v1/auth/me", null, busy);
    }
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, busy).statusCode()).isEqualTo(401);
  }

  @Test
  void logoutEverywhere_endsSessionsAndTokens() throws Exception {
    String alice = f.user("alice", "developer");
    ServerFixture.Session one = f.login("alice");
    ServerFixture.Session two = f.login("alice");
    String token = f.token(alice, List.of(), List.of());
    assertThat(f.withSession("POST", "/api/v1/auth/logout-everywhere", "{}", one).statusCode()).isEqualTo(204);
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, two).statusCode()).isEqualTo(401);
    assertThat(f.withToken("GET", "/api/v1/auth/me", null, token).statusCode()).isEqualTo(401);
  }

  @Test
  void developer_callingAdminRoute_isForbidden() throws Exception {
    f.user("dev", "developer");
    ServerFixture.Session s = f.login("dev");
    HttpResponse<String> res = f.withSession("POST", "/api/v1/projects", Map.of("name", "x", "owner", "dev"), s);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(type(res)).isEqualTo("forbidden");
    assertThat(f.withSession("POST", "/api/v1/sys/seal", "{}", s).statusCode()).isEqualTo(403);
    f.instance.sequencer().integrateAll(10);
    var denied = new sovereign.munin.keep.app.audit.AuditReader(f.instance.state()).search(
        new sovereign.munin.keep.app.audit.AuditReader.Query(null, "access.denied", null, 0, Long.MAX_VALUE, 10));
    assertThat(denied).hasSize(2);
    assertThat(denied.getFirst().actor()).contains(s.body().path("userId").asText());
    assertThat(denied.getFirst().outcome()).isEqualTo("failure");
    assertThat(new String(denied.getFirst().entry(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("POST /api/v1/sys/seal").contains("\"needs\":\"sys.seal\"").contains("\"reason\":\"forbidden\"");
  }

  @Test
  void forbidden_routeWithoutProject_namesTheRolesThatGrantIt() throws Exception {
    f.user("dev", "developer");
    ServerFixture.Session s = f.login("dev");
    HttpResponse<String> res = f.withSession("POST", "/api/v1/keys/restore", Map.of("payload", "e30="), s);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(type(res)).isEqualTo("forbidden");
    assertThat(json(res).path("detail").asText()).contains("'key.manage'")
        .contains("roles that grant it everywhere: security-team").doesNotContain("this project");
  }

  @Test
  void project_guessedIdOfAnotherProject_answersAsMissing() throws Exception {
    f.user("alice", "developer");
    f.user("bob", "developer");
    String mine = f.identity.projects().create("test", "payments", "alice").id();
    String theirs = f.identity.projects().create("test", "ledger", "bob").id();
    ServerFixture.Session s = f.login("alice");
    assertThat(f.withSession("GET", "/api/v1/projects/" + mine, null, s).statusCode()).isEqualTo(200);
    HttpResponse<String> hidden = f.withSession("GET", "/api/v1/projects/" + theirs, null, s);
    HttpResponse<String> missing = f.withSession("GET", "/api/v1/projects/p_doesnotexist", null, s);
    assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
    assertThat(type(hidden)).isEqualTo(type(missing)).isEqualTo("project-not-found");
    assertThat(json(f.withSession("GET", "/api/v1/projects", null, s))).hasSize(1);
  }

  @Test
  void token_outsideItsScope_seesNothingThere() throws Exception {
    String alice = f.user("alice", "developer");
    String a = f.identity.projects().create("test", "payments", "alice").id();
    String b = f.identity.projects().create("test", "ledger", "alice").id();
    String narrow = f.token(alice, List.of(a), List.of("project.read"));
    assertThat(f.withToken("GET", "/api/v1/projects/" + a, null, narrow).statusCode()).isEqualTo(200);
    assertThat(f.withToken("GET", "/api/v1/projects/" + b, null, narrow).statusCode()).isEqualTo(404);
    String readOnly = f.token(alice, List.of(), List.of("key.read"));
    assertThat(f.withToken("GET", "/api/v1/projects/" + a, null, readOnly).statusCode()).isEqualTo(404);
    f.clock.advance(Duration.ofDays(2));
    assertThat(f.withToken("GET", "/api/v1/projects/" + a, null, narrow).statusCode()).isEqualTo(401);
  }

  @Test
  void bootstrapToken_keepsAdminRole_butNotAuditRead() throws Exception {
    String admin = f.init.adminToken().secret();
    assertThat(f.withToken("GET", "/api/v1/users", null, admin).statusCode()).isEqualTo(200);
    HttpResponse<String> created = f.withToken("POST", "/api/v1/users", Map.of("name", "carol", "role",
        "auditor"), admin);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).path("oneTimePassword").asText()).hasSizeGreaterThan(16);
    assertThat(f.withToken("GET", "/api/v1/audit/events", null, admin).statusCode()).isEqualTo(403);
  }
}
