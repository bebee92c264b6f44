package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sovereign.munin.keep.server.ServerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.identity.SoftwareAuthenticator;

/** Passkeys and security keys over real TLS: registration, two-step login, step-up, removal, and attacks. */
class WebAuthnApiTest {

  @TempDir
  Path base;

  ServerFixture f;
  String origin;

  @BeforeEach
  void start() {
    f = newFixture(base);
    origin = "https://localhost:" + f.server.port();
  }

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static Object parse(String credentialJson) throws Exception {
    return ServerFixture.JSON.readTree(credentialJson);
  }

  /** Registers a new software key for a signed-in session and returns it. */
  private SoftwareAuthenticator register(ServerFixture.Session s) throws Exception {
    HttpResponse<String> options = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", s);
    assertThat(options.statusCode()).isEqualTo(200);
    SoftwareAuthenticator key = new SoftwareAuthenticator(origin, "localhost");
    String answer = key.register(json(options).path("challenge").asText());
    HttpResponse<String> created = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register",
        Map.of("credential", parse(answer), "label", "desk key"), s);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return key;
  }

  private JsonNode firstStep(String name) throws Exception {
    HttpResponse<String> res = f.loginResponse(name, ServerFixture.PASSWORD, null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().allValues("Set-Cookie")).isEmpty();
    return json(res);
  }

  private HttpResponse<String> secondStep(JsonNode first, String answer) throws Exception {
    return f.send("POST", "/api/v1/auth/login/webauthn", Map.of("loginChallenge", first.path("loginChallenge")
        .asText(), "credential", parse(answer)), Map.of());
  }

  private ServerFixture.Session signInWithKey(String name, SoftwareAuthenticator key) throws Exception {
    JsonNode first = firstStep(name);
    HttpResponse<String> res = secondStep(first, key.assertion(first.path("webauthn").path("challenge").asText()));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return new ServerFixture.Session(ServerFixture.cookie(res), json(res).path("csrfToken").asText(), json(res));
  }

  @Test
  void register_thenLogin_takesTwoSteps_andGivesASessionWithMfa() throws Exception {
    f.user("alice", "developer");
    ServerFixture.Session s = f.login("alice");
    HttpResponse<String> options = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", s);
    JsonNode o = json(options);
    assertThat(o.path("rp").path("id").asText()).isEqualTo("localhost");
    assertThat(o.path("user").path("id").asText()).hasSize(43).isNotEqualTo("alice");
    assertThat(o.path("pubKeyCredParams").findValuesAsText("alg")).containsExactly("-7", "-8", "-257");
    assertThat(options.headers().firstValue("Cache-Control")).contains("no-store");
    SoftwareAuthenticator key = register(s);
    JsonNode list = json(f.withSession("GET", "/api/v1/auth/mfa/webauthn", null, s));
    assertThat(list.path("credentials")).hasSize(1);
    assertThat(list.path("credentials").get(0).path("label").asText()).isEqualTo("desk key");
    JsonNode first = firstStep("alice");
    assertThat(first.path("mfaRequired").asBoolean()).isTrue();
    assertThat(first.path("webauthn").path("allowCredentials").get(0).path("id").asText())
        .isEqualTo(key.credentialId());
    HttpResponse<String> second = secondStep(first, key.assertion(first.path("webauthn").path("challenge").asText()));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).path("mfaEnrolled").asBoolean()).isTrue();
    ServerFixture.Session signedIn = new ServerFixture.Session(ServerFixture.cookie(second),
        json(second).path("csrfToken").asText(), json(second));
    assertThat(f.withSession("GET", "/api/v1/auth/me", null, signedIn).statusCode()).isEqualTo(200);
  }

  @Test
  void login_replayedAssertion_isRefused() throws Exception {
    f.user("alice", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    JsonNode first = firstStep("alice");
    String answer = key.assertion(first.path("webauthn").path("challenge").asText());
    assertThat(secondStep(first, answer).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = secondStep(first, answer);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(json(replay).path("type").asText()).endsWith("login-failed");
    assertThat(secondStep(firstStep("alice"), answer).statusCode()).isEqualTo(401);
  }

  @Test
  void login_ipAddressOriginOrOtherRpId_isRefused() throws Exception {
    f.user("alice", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    JsonNode first = firstStep("alice");
    key.origin("https://127.0.0.1:" + f.server.port());
    assertThat(secondStep(first, key.assertion(first.path("webauthn").path("challenge").asText())).statusCode())
        .isEqualTo(401);
    JsonNode again = firstStep("alice");
    key.origin(origin).rpId("127.0.0.1");
    assertThat(secondStep(again, key.assertion(again.path("webauthn").path("challenge").asText())).statusCode())
        .isEqualTo(401);
  }

  @Test
  void login_passwordAndAnyCode_doesNotBypassTheKey() throws Exception {
    f.user("alice", "developer");
    register(f.login("alice"));
    HttpResponse<String> res = f.loginResponse("alice", ServerFixture.PASSWORD, "123456", null);
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void login_failedSecondFactors_lockTheAccount() throws Exception {
    f.user("alice", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    SoftwareAuthenticator stranger = new SoftwareAuthenticator(origin, "localhost");
    for (int i = 0; i < 5; i++) {
      JsonNode first = firstStep("alice");
      assertThat(secondStep(first, stranger.assertion(first.path("webauthn").path("challenge").asText()))
          .statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = f.loginResponse("alice", ServerFixture.PASSWORD, null, null);
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(json(locked).path("type").asText()).endsWith("login-failed");
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(signInWithKey("alice", key).csrf()).isNotBlank();
  }

  @Test
  void login_unknownChallengeOrMissingFields_isRefused() throws Exception {
    HttpResponse<String> unknown = f.send("POST", "/api/v1/auth/login/webauthn", Map.of("loginChallenge", "wc_nope",
        "credential", Map.of("id", "x")), Map.of());
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(f.send("POST", "/api/v1/auth/login/webauthn", "{}", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void register_notSignedIn_isUnauthenticated() throws Exception {
    assertThat(f.send("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(f.send("POST", "/api/v1/auth/mfa/webauthn/register", "{}", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void register_replayedOrWrongOrigin_isRefused() throws Exception {
    f.user("alice", "developer");
    ServerFixture.Session s = f.login("alice");
    HttpResponse<String> options = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", s);
    SoftwareAuthenticator phished = new SoftwareAuthenticator("https://evil.example", "localhost");
    HttpResponse<String> refused = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register", Map.of("credential",
        parse(phished.register(json(options).path("challenge").asText()))), s);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("type").asText()).endsWith("webauthn-registration-refused");
    SoftwareAuthenticator honest = new SoftwareAuthenticator(origin, "localhost");
    HttpResponse<String> reused = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register", Map.of("credential",
        parse(honest.register(json(options).path("challenge").asText()))), s);
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(json(f.withSession("GET", "/api/v1/auth/mfa/webauthn", null, s)).path("credentials")).isEmpty();
  }

  @Test
  void register_secondKeyWithStaleMfa_needsStepUp() throws Exception {
    f.user("alice", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    ServerFixture.Session s = signInWithKey("alice", key);
    f.clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> stale = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", s);
    assertThat(json(stale).path("type").asText()).endsWith("step-up-required");
  }

  @Test
  void remove_withoutStepUp_isRefused_afterWebAuthnStepUp_works() throws Exception {
    f.user("alice", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    ServerFixture.Session s = signInWithKey("alice", key);
    String credential = json(f.withSession("GET", "/api/v1/auth/mfa/webauthn", null, s)).path("credentials").get(0)
        .path("id").asText();
    f.clock.advance(Duration.ofMinutes(6));
    String remove = "/api/v1/auth/mfa/webauthn/" + credential + "/remove";
    HttpResponse<String> stale = f.withSession("POST", remove, "{}", s);
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(json(stale).path("type").asText()).endsWith("step-up-required");
    HttpResponse<String> options = f.withSession("POST", "/api/v1/auth/step-up/webauthn/options", "{}", s);
    String answer = key.assertion(json(options).path("challenge").asText());
    assertThat(f.withSession("POST", "/api/v1/auth/step-up/webauthn", Map.of("credential", parse(answer)), s)
        .statusCode()).isEqualTo(204);
    HttpResponse<String> replayed = f.withSession("POST", "/api/v1/auth/step-up/webauthn", Map.of("credential",
        parse(answer)), s);
    assertThat(json(replayed).path("type").asText()).endsWith("webauthn-assertion-refused");
    assertThat(f.withSession("POST", remove, "{}", s).statusCode()).isEqualTo(204);
    assertThat(f.withSession("POST", remove, "{}", s).statusCode()).isEqualTo(404);
  }

  @Test
  void remove_otherUsersCredential_isNotFound() throws Exception {
    f.user("alice", "developer");
    f.user("bob", "developer");
    SoftwareAuthenticator key = register(f.login("alice"));
    ServerFixture.Session alice = signInWithKey("alice", key);
    String credential = json(f.withSession("GET", "/api/v1/auth/mfa/webauthn", null, alice)).path("credentials")
        .get(0).path("id").asText();
    String bobs = f.loginToken(f.identity.users().byName("bob").id());
    HttpResponse<String> res = f.withToken("POST", "/api/v1/auth/mfa/webauthn/" + credential + "/remove", "{}", bobs);
    assertThat(res.statusCode()).isEqualTo(404);
  }

  @Test
  void resetMfa_byAdmin_removesKeys_andPasswordSignsInAgain() throws Exception {
    f.user("alice", "developer");
    register(f.login("alice"));
    assertThat(f.withToken("POST", "/api/v1/users/alice/reset-mfa", "{}", f.init.adminToken().secret())
        .statusCode()).isEqualTo(204);
    HttpResponse<String> res = f.loginResponse("alice", ServerFixture.PASSWORD, null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(json(res).path("mfaRequired").isMissingNode()).isTrue();
    assertThat(json(res).path("csrfToken").asText()).isNotBlank();
  }
}
