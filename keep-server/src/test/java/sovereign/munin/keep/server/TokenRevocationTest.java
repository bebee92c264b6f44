package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One token revoked by id, at once: a leaked machine token is cut off without ending its owner's other tokens;
 * people see and revoke their own tokens, holders of user.manage any (the bootstrap admin token too); machine
 * tokens do neither; listings never show a secret or its hash.
 */
class TokenRevocationTest {

  private static final String MSG = Base64.getEncoder().encodeToString("build 7".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path base;

  ServerFixture f;
  String owner;

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @BeforeEach
  void start() throws Exception {
    f = newFixture(base);
    String ownerId = f.user("olivia", "developer");
    f.identity.projects().create("test", "payments", "olivia");
    owner = f.loginToken(ownerId);
    assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", "release", "project", "payments"), owner)
        .statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  JsonNode mint(String label) throws Exception {
    HttpResponse<String> r = f.withToken("POST", "/api/v1/tokens", Map.of("label", label, "projects",
        List.of("payments"), "keys", List.of("release"), "days", 7), owner);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ServerFixture.json(r);
  }

  int sign(String token) throws Exception {
    return f.withToken("POST", "/api/v1/keys/release/sign", Map.of("message", MSG), token).statusCode();
  }

  static String type(HttpResponse<String> r) throws Exception {
    return ServerFixture.json(r).path("type").asText().replace("urn:munin-keep:problem:", "");
  }

  List<String> ids(HttpResponse<String> listing) throws Exception {
    List<String> ids = new ArrayList<>();
    ServerFixture.json(listing).path("tokens").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  @Test
  void owner_revokesOneLeakedToken_itIsRefusedAtOnce_theOthersStillWork() throws Exception {
    JsonNode leaked = mint("ci-leaked");
    JsonNode spare = mint("ci-spare");
    assertThat(sign(leaked.path("token").asText())).isEqualTo(200);

    HttpResponse<String> listing = f.withToken("GET", "/api/v1/tokens", null, owner);
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    assertThat(ids(listing)).contains(leaked.path("id").asText(), spare.path("id").asText());
    assertThat(listing.body()).as("no secret and no hash in a listing")
        .doesNotContain(leaked.path("token").asText()).doesNotContain("token_hash").doesNotContain("tokenHash");
    JsonNode shown = ServerFixture.json(listing).path("tokens").findParents("id").stream()
        .filter(t -> t.path("id").asText().equals(leaked.path("id").asText())).findFirst().orElseThrow();
    assertThat(shown.path("state").asText()).isEqualTo("active");
    assertThat(shown.path("keys").get(0).asText()).isEqualTo("release");

    HttpResponse<String> revoked = f.withToken("POST", "/api/v1/tokens/" + leaked.path("id").asText() + "/revoke",
        Map.of(), owner);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(ServerFixture.json(revoked).path("state").asText()).isEqualTo("revoked");

    assertThat(sign(leaked.path("token").asText())).as("refused at the next request").isEqualTo(401);
    assertThat(sign(spare.path("token").asText())).as("the owner's other token still works").isEqualTo(200);
    assertThat(f.withToken("GET", "/api/v1/auth/me", null, owner).statusCode()).isEqualTo(200);

    HttpResponse<String> again = f.withToken("POST", "/api/v1/tokens/" + leaked.path("id").asText() + "/revoke",
        Map.of(), owner);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(type(again)).isEqualTo("token-already-revoked");

    f.instance.sequencer().integrateAll(10);
    var events = new sovereign.munin.keep.app.audit.AuditReader(f.instance.state()).search(
        new sovereign.munin.keep.app.audit.AuditReader.Query(null, "token.revoke", null, 0, Long.MAX_VALUE, 10));
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().outcome()).isEqualTo("success");
    assertThat(new String(events.getFirst().entry(), StandardCharsets.UTF_8))
        .contains("token:" + leaked.path("id").asText()).contains("\"label\":\"ci-leaked\"");
  }

  @Test
  void logoutWithAToken_isAuditedLikeARevocation() throws Exception {
    JsonNode ci = mint("ci");
    assertThat(f.withToken("POST", "/api/v1/auth/logout", "{}", ci.path("token").asText()).statusCode())
        .isEqualTo(204);
    assertThat(sign(ci.path("token").asText())).isEqualTo(401);
    f.instance.sequencer().integrateAll(10);
    var events = new sovereign.munin.keep.app.audit.AuditReader(f.instance.state()).search(
        new sovereign.munin.keep.app.audit.AuditReader.Query(null, "token.revoke", null, 0, Long.MAX_VALUE, 10));
    assertThat(events).hasSize(1);
    assertThat(new String(events.getFirst().entry(), StandardCharsets.UTF_8))
        .contains("token:" + ci.path("id").asText()).contains("\"via\":\"logout\"");
  }

  @Test
  void anotherUser_cannotSeeOrRevokeTheToken_andNothingChanges() throws Exception {
    JsonNode ci = mint("ci");
    String mallory = f.loginToken(f.user("mallory", "developer"));
    assertThat(ids(f.withToken("GET", "/api/v1/tokens", null, mallory))).doesNotContain(ci.path("id").asText());
    HttpResponse<String> r = f.withToken("POST", "/api/v1/tokens/" + ci.path("id").asText() + "/revoke", Map.of(),
        mallory);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(type(r)).as(r.body()).isEqualTo("token-not-found");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(f.withToken("GET", "/api/v1/tokens/all", null, mallory).statusCode()).isEqualTo(403);
    assertThat(sign(ci.path("token").asText())).isEqualTo(200);
    assertThat(f.withToken("POST", "/api/v1/tokens/no-such-id/revoke", Map.of(), owner).statusCode())
        .isEqualTo(404);
  }

  @Test
  void machineToken_cannotListOrRevoke_evenItsOwnersTokens() throws Exception {
    JsonNode ci = mint("ci");
    JsonNode other = mint("other");
    String machine = ci.path("token").asText();
    HttpResponse<String> list = f.withToken("GET", "/api/v1/tokens", null, machine);
    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(type(list)).isEqualTo("token-key-scope");
    String unnarrowed = f.token(f.identity.users().byName("olivia").id(), List.of(), List.of());
    assertThat(type(f.withToken("GET", "/api/v1/tokens", null, unnarrowed))).isEqualTo("person-required");
    HttpResponse<String> r = f.withToken("POST", "/api/v1/tokens/" + other.path("id").asText() + "/revoke",
        Map.of(), machine);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(sign(other.path("token").asText())).isEqualTo(200);
  }

  @Test
  void bootstrapAdminToken_listsEveryToken_andRevokesItself() throws Exception {
    JsonNode ci = mint("ci");
    String admin = f.init.adminToken().secret();
    String adminId = f.init.adminToken().id();
    HttpResponse<String> all = f.withToken("GET", "/api/v1/tokens/all", null, admin);
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(ids(all)).contains(ci.path("id").asText(), adminId);
    assertThat(all.body()).doesNotContain(admin);
    HttpResponse<String> own = f.withToken("GET", "/api/v1/tokens", null, admin);
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(type(own)).isEqualTo("user-required");

    // An administrator cuts off a developer's machine token in an incident.
    assertThat(f.withToken("POST", "/api/v1/tokens/" + ci.path("id").asText() + "/revoke", Map.of(), admin)
        .statusCode()).isEqualTo(200);
    assertThat(sign(ci.path("token").asText())).isEqualTo(401);

    // The bootstrap token, printed once at init, is retired once real administrators exist.
    assertThat(f.withToken("POST", "/api/v1/tokens/" + adminId + "/revoke", Map.of(), admin).statusCode())
        .isEqualTo(200);
    assertThat(f.withToken("GET", "/api/v1/tokens/all", null, admin).statusCode()).isEqualTo(401);
  }
}
