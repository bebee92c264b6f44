package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machine tokens narrowed to keys: a key-scoped token uses its keys and nothing else that concerns keys, an
 * unscoped machine token uses no private key, and revocation, expiry, disabling and key revocation take effect at
 * the next request although callers and key metadata are answered from memory.
 */
class KeyScopedTokenTest {

  private static final String MSG = Base64.getEncoder().encodeToString("build 42".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path base;

  ServerFixture f;
  String ownerId;
  String owner;
  String projectId;

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @BeforeEach
  void start() throws Exception {
    f = newFixture(base);
    ownerId = f.user("olivia", "developer");
    projectId = f.identity.projects().create("test", "payments", "olivia").id();
    owner = f.loginToken(ownerId);
    for (String key : List.of("release", "docs")) {
      assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", key, "project", "payments"), owner)
          .statusCode()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    f.close();
  }

  String mint(Map<String, Object> body) throws Exception {
    HttpResponse<String> r = f.withToken("POST", "/api/v1/tokens", body, owner);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ServerFixture.json(r).path("token").asText();
  }

  String releaseToken() throws Exception {
    return mint(Map.of("label", "ci", "projects", List.of("payments"), "keys", List.of("release"), "days", 7));
  }

  HttpResponse<String> sign(String key, String token) throws Exception {
    return f.withToken("POST", "/api/v1/keys/" + key + "/sign", Map.of("message", MSG), token);
  }

  static String type(HttpResponse<String> r) throws Exception {
    return ServerFixture.json(r).path("type").asText().replace("urn:munin-keep:problem:", "");
  }

  @Test
  void scopedToken_signsWithItsKey_refusedForAnotherKeyOfTheSameProject() throws Exception {
    String ci = releaseToken();
    HttpResponse<String> ok = sign("release", ci);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    String signature = ServerFixture.json(ok).path("signature").asText();
    HttpResponse<String> verify = f.withToken("POST", "/api/v1/keys/release/verify",
        Map.of("message", MSG, "signature", signature), ci);
    assertThat(ServerFixture.json(verify).path("valid").asBoolean()).isTrue();
    assertThat(f.withToken("GET", "/api/v1/keys/release/public", null, ci).statusCode()).isEqualTo(200);

    // A key outside the token's narrowing is, for it, a key that does not exist.
    HttpResponse<String> other = sign("docs", ci);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(type(other)).isEqualTo("key-not-found");
    assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    long denied = f.instance.state().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'access.denied' AND actor LIKE 'user:%'").mapTo(Long.class).one());
    assertThat(denied).as("the refusal is audited").isEqualTo(1);
  }

  @Test
  void scopedToken_doesNothingElseWithKeys() throws Exception {
    String ci = releaseToken();
    assertThat(type(f.withToken("POST", "/api/v1/keys/release/rotate", "{}", ci))).isEqualTo("token-key-scope");
    assertThat(type(f.withToken("GET", "/api/v1/keys", null, ci))).isEqualTo("token-key-scope");
    assertThat(type(f.withToken("GET", "/api/v1/keys/release", null, ci))).isEqualTo("token-key-scope");
    assertThat(type(f.withToken("POST", "/api/v1/keys", Map.of("name", "x", "project", "payments"), ci)))
        .isEqualTo("token-key-scope");
    assertThat(type(f.withToken("POST", "/api/v1/trust/export", "{}", ci))).isEqualTo("token-key-scope");
    assertThat(type(f.withToken("POST", "/api/v1/tokens", Map.of("keys", List.of("docs"), "projects",
        List.of("payments")), ci))).isEqualTo("token-key-scope");
  }

  @Test
  void unscopedMachineToken_privateKeyUse_isRefusedWithAHint_butVerifies() throws Exception {
    String unscoped = mint(Map.of("label", "old-ci", "projects", List.of("payments")));
    HttpResponse<String> r = sign("release", unscoped);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(type(r)).isEqualTo("key-scoped-token-required");
    assertThat(ServerFixture.json(r).path("detail").asText()).contains("keep token create").contains("--key release");
    String signature = ServerFixture.json(sign("release", owner)).path("signature").asText();
    HttpResponse<String> verify = f.withToken("POST", "/api/v1/keys/release/verify",
        Map.of("message", MSG, "signature", signature), unscoped);
    assertThat(verify.statusCode()).isEqualTo(200);
  }

  @Test
  void scopedToken_revoked_isRefusedAtTheNextRequest() throws Exception {
    String ci = releaseToken();
    assertThat(sign("release", ci).statusCode()).isEqualTo(200); // now resolved and held in memory
    assertThat(f.withToken("POST", "/api/v1/auth/logout", "{}", ci).statusCode()).isEqualTo(204);
    assertThat(sign("release", ci).statusCode()).isEqualTo(401);
  }

  @Test
  void scopedToken_expired_isRefused() throws Exception {
    String ci = mint(Map.of("projects", List.of(projectId), "keys", List.of("release"), "days", 1));
    assertThat(sign("release", ci).statusCode()).isEqualTo(200);
    f.clock.advance(Duration.ofDays(1).plusSeconds(1));
    assertThat(sign("release", ci).statusCode()).isEqualTo(401);
  }

  @Test
  void ownerDisabled_orKeyRevoked_takesEffectAtTheNextRequest() throws Exception {
    String ci = releaseToken();
    assertThat(sign("release", ci).statusCode()).isEqualTo(200);
    HttpResponse<String> revoke = f.withToken("POST", "/api/v1/keys/release/revoke", Map.of("compromisedAt",
        f.clock.instant().minusSeconds(60).toString(), "reason", "runner image leaked"), owner);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
    HttpResponse<String> after = sign("release", ci);
    assertThat(after.statusCode()).isEqualTo(409);
    assertThat(type(after)).isEqualTo("no-active-version");

    String docs = mint(Map.of("projects", List.of("payments"), "keys", List.of("docs")));
    assertThat(sign("docs", docs).statusCode()).isEqualTo(200);
    f.identity.users().disable("test", "olivia");
    assertThat(sign("docs", docs).statusCode()).isEqualTo(401);
  }

  @Test
  void mint_keysOutsideTheTokensProjects_isRefusedAndMintsNothing() throws Exception {
    f.identity.projects().create("test", "billing", "olivia");
    HttpResponse<String> noProject = f.withToken("POST", "/api/v1/tokens", Map.of("keys", List.of("release")), owner);
    assertThat(type(noProject)).isEqualTo("token-keys-need-project");
    HttpResponse<String> elsewhere = f.withToken("POST", "/api/v1/tokens", Map.of("projects", List.of("billing"),
        "keys", List.of("release")), owner);
    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(type(elsewhere)).isEqualTo("token-key-outside-projects");
    HttpResponse<String> unknown = f.withToken("POST", "/api/v1/tokens", Map.of("projects", List.of("payments"),
        "keys", List.of("nope")), owner);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(f.withToken("POST", "/api/v1/keys/docs/archive", Map.of(), owner).statusCode()).isEqualTo(200);
    HttpResponse<String> archived = f.withToken("POST", "/api/v1/tokens", Map.of("projects", List.of("payments"),
        "keys", List.of("docs")), owner);
    assertThat(archived.statusCode()).isEqualTo(400);
    assertThat(type(archived)).isEqualTo("token-key-not-usable");
    assertThat(ServerFixture.json(archived).path("detail").asText()).contains("'docs' is archived");
    long issued = f.instance.state().read(h -> h.createQuery(
        "SELECT COUNT(*) FROM api_token WHERE kind = 'api' AND user_id IS NOT NULL").mapTo(Long.class).one());
    assertThat(issued).isZero();
  }
}
