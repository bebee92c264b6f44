package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sovereign.munin.keep.server.ServerFixture.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.crypto.Base32;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Totp;

/** TOTP enrolment, TOTP at login, replay, recovery codes and step-up, over real TLS. */
class MfaApiTest {

  @TempDir
  Path base;

  ServerFixture f;
  SecretBytes secret;

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

  private String code() {
    return Totp.DEFAULT.codeAt(secret, Totp.DEFAULT.stepAt(f.clock.instant()));
  }

  /** Enrols {@code name} in TOTP through the API and returns the recovery codes. */
  private JsonList enrol(String name) throws Exception {
    ServerFixture.Session s = f.login(name);
    HttpResponse<String> started = f.withSession("POST", "/api/v1/auth/mfa/totp", "{}", s);
    assertThat(started.statusCode()).isEqualTo(201);
    Matcher m = Pattern.compile("secret=([A-Z2-7]+)").matcher(json(started).path("otpauthUri").asText());
    assertThat(m.find()).isTrue();
    secret = SecretBytes.copyOf(Base32.decode(m.group(1)));
    HttpResponse<String> confirmed = f.withSession("POST", "/api/v1/auth/mfa/totp/confirm", Map.of("code", code()),
        s);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    f.clock.advance(Duration.ofSeconds(30));
    return new JsonList(json(confirmed).path("recoveryCodes"));
  }

  record JsonList(com.fasterxml.jackson.databind.JsonNode node) {
    String get(int i) {
      return node.get(i).asText();
    }
  }

  @Test
  void enrol_confirm_givesTenRecoveryCodes_andLoginThenNeedsCode() throws Exception {
    f.user("alice", "developer");
    JsonList codes = enrol("alice");
    assertThat(codes.node()).hasSize(10);
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, null, null).statusCode()).isEqualTo(401);
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, "000000", null).statusCode()).isEqualTo(401);
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, code(), null).statusCode()).isEqualTo(200);
  }

  @Test
  void login_replayedTotpCode_isRefused() throws Exception {
    f.user("alice", "developer");
    enrol("alice");
    String c = code();
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, c, null).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = f.loginResponse("alice", ServerFixture.PASSWORD, c, null);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(json(replay).path("type").asText()).endsWith("login-failed");
  }

  @Test
  void login_recoveryCode_worksOnce() throws Exception {
    f.user("alice", "developer");
    JsonList codes = enrol("alice");
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, codes.get(3), null).statusCode()).isEqualTo(200);
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, codes.get(3), null).statusCode()).isEqualTo(401);
  }

  @Test
  void sensitiveAction_staleMfa_needsStepUp() throws Exception {
    f.user("root", "admin");
    enrol("root");
    ServerFixture.Session s = f.login("root", code());
    assertThat(f.withSession("POST", "/api/v1/users", Map.of("name", "bob", "role", "developer"), s).statusCode())
        .isEqualTo(201);
    f.clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> stale = f.withSession("POST", "/api/v1/users", Map.of("name", "carol", "role",
        "developer"), s);
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(json(stale).path("type").asText()).endsWith("step-up-required");
    assertThat(f.withSession("POST", "/api/v1/auth/step-up", Map.of("code", code()), s).statusCode())
        .isEqualTo(204);
    assertThat(f.withSession("POST", "/api/v1/users", Map.of("name", "carol", "role", "developer"), s)
        .statusCode()).isEqualTo(201);
  }

  @Test
  void loginToken_freshAfterLoginWithCode_staleLater_stepUpRenewsIt() throws Exception {
    f.user("root", "admin");
    enrol("root");
    HttpResponse<String> login = f.send("POST", "/api/v1/auth/login", Map.of("name", "root", "password",
        ServerFixture.PASSWORD, "code", code(), "cliToken", true), Map.of());
    String token = json(login).path("token").asText();
    assertThat(f.withToken("POST", "/api/v1/users", Map.of("name", "bob", "role", "developer"), token)
        .statusCode()).isEqualTo(201);
    f.clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> stale = f.withToken("POST", "/api/v1/users", Map.of("name", "carol", "role", "developer"),
        token);
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(json(stale).path("type").asText()).endsWith("step-up-required");
    assertThat(json(stale).path("detail").asText()).contains("keep step-up");
    assertThat(f.withToken("POST", "/api/v1/auth/step-up", Map.of("code", "000000"), token).statusCode())
        .isEqualTo(403);
    assertThat(f.withToken("POST", "/api/v1/auth/step-up", Map.of("code", code()), token).statusCode())
        .isEqualTo(204);
    assertThat(f.withToken("POST", "/api/v1/users", Map.of("name", "carol", "role", "developer"), token)
        .statusCode()).isEqualTo(201);
  }

  @Test
  void tokens_withoutAFreshSecondFactor_cannotActSensitively() throws Exception {
    String root = f.user("root", "admin");
    HttpResponse<String> login = f.send("POST", "/api/v1/auth/login", Map.of("name", "root", "password",
        ServerFixture.PASSWORD, "cliToken", true), Map.of());
    String noMfa = json(login).path("token").asText();
    HttpResponse<String> refused = f.withToken("POST", "/api/v1/users", Map.of("name", "bob", "role", "developer"),
        noMfa);
    assertThat(json(refused).path("type").asText()).endsWith("step-up-required");
    String machine = f.token(root, java.util.List.of(), java.util.List.of());
    HttpResponse<String> byMachine = f.withToken("POST", "/api/v1/users", Map.of("name", "bob", "role",
        "developer"), machine);
    assertThat(byMachine.statusCode()).isEqualTo(403);
    assertThat(json(byMachine).path("type").asText()).endsWith("person-required");
    assertThat(f.withToken("GET", "/api/v1/users", null, machine).statusCode()).isEqualTo(200);
    assertThat(f.withToken("POST", "/api/v1/users", Map.of("name", "bob", "role", "developer"),
        f.init.adminToken().secret()).statusCode()).isEqualTo(201);
  }

  @Test
  void sensitiveAction_noMfaEnrolled_isRefusedForSessions() throws Exception {
    f.user("root", "admin");
    ServerFixture.Session s = f.login("root");
    HttpResponse<String> res = f.withSession("POST", "/api/v1/users", Map.of("name", "bob", "role", "developer"), s);
    assertThat(json(res).path("type").asText()).endsWith("step-up-required");
  }

  @Test
  void resetMfa_byAdmin_letsUserSignInWithPasswordAgain() throws Exception {
    f.user("alice", "developer");
    enrol("alice");
    HttpResponse<String> reset = f.withToken("POST", "/api/v1/users/alice/reset-mfa", "{}",
        f.init.adminToken().secret());
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(f.loginResponse("alice", ServerFixture.PASSWORD, null, null).statusCode()).isEqualTo(200);
  }
}
