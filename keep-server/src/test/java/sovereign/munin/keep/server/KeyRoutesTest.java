package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;

/** The key API over real TLS on a dev instance: lifecycle, uses and the refusals as problem+json. */
class KeyRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MSG = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path base;

  private KeepInstance instance;
  private KeepServer server;
  private HttpClient client;
  private String token;

  @BeforeEach
  void start() {
    InitResult init = TestInstances.dev(base, null, null);
    instance = TestInstances.open(init.dataDir());
    token = sovereign.munin.keep.app.TestCallers.projectOwner(instance, "payments", "p");
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
    client = HttpClient.newBuilder().sslContext(ClientTls.trusting(init.tlsCert())).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    instance.close();
  }

  private HttpResponse<String> call(String method, String path, Object body, String bearer) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, Object body) throws Exception {
    HttpResponse<String> r = call(method, path, body, token);
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return JSON.readTree(r.body());
  }

  private static String type(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("type").asText().replace("urn:munin-keep:problem:", "");
  }

  @Test
  void createSignVerify_defaultKey_roundTrips() throws Exception {
    JsonNode created = ok("POST", "/api/v1/keys", Map.of("name", "release", "project", "payments"));
    assertThat(created.path("type").asText()).isEqualTo("ml-dsa-65");
    JsonNode sig = ok("POST", "/api/v1/keys/release/sign", Map.of("message", MSG));
    assertThat(sig.path("version").asInt()).isEqualTo(1);
    JsonNode v = ok("POST", "/api/v1/keys/release/verify", Map.of("message", MSG, "signature",
        sig.path("signature").asText()));
    assertThat(v.path("valid").asBoolean()).isTrue();
    assertThat(ok("GET", "/api/v1/keys", null).path("keys")).hasSize(1);
    assertThat(ok("GET", "/api/v1/keys/release/public", null).path("pem").asText()).startsWith("-----BEGIN PUBLIC KEY");
  }

  @Test
  void rotateRevoke_afterRevocation_signRefusedAndLaterSignaturesFail() throws Exception {
    ok("POST", "/api/v1/keys", Map.of("name", "release", "project", "p", "type", "ed25519"));
    assertThat(ok("POST", "/api/v1/keys/release/rotate", Map.of()).path("activeVersion").asInt()).isEqualTo(2);
    ok("POST", "/api/v1/keys/release/revoke", Map.of("compromisedAt", "2020-01-01T00:00:00Z", "reason", "leak"));
    HttpResponse<String> sign = call("POST", "/api/v1/keys/release/sign", Map.of("message", MSG), token);
    assertThat(sign.statusCode()).isEqualTo(409);
    assertThat(type(sign)).isEqualTo("no-active-version");
  }

  @Test
  void create_badInput_isProblemJsonAndChangesNothing() throws Exception {
    HttpResponse<String> weak = call("POST", "/api/v1/keys", Map.of("name", "a", "project", "p", "type", "rsa-2048"),
        token);
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(type(weak)).isEqualTo("key-type-too-weak");
    HttpResponse<String> unknown = call("POST", "/api/v1/keys", Map.of("name", "a", "project", "p", "type", "foo"),
        token);
    assertThat(type(unknown)).isEqualTo("key-type-unknown");
    ok("POST", "/api/v1/keys", Map.of("name", "a", "project", "p"));
    HttpResponse<String> future = call("POST", "/api/v1/keys/a/revoke", Map.of("compromisedAt",
        "2999-01-01T00:00:00Z", "reason", "x"), token);
    assertThat(type(future)).isEqualTo("compromise-time-future");
    HttpResponse<String> missing = call("GET", "/api/v1/keys/nope", null, token);
    assertThat(missing.statusCode()).isEqualTo(404);
    // The handler's own problem reaches the caller, not the generic answer for a path no route serves.
    assertThat(type(missing)).isEqualTo("key-not-found");
    assertThat(missing.body()).contains("no key named 'nope'");
    assertThat(call("GET", "/api/v1/keys", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void sign_whileSealed_is503Sealed() throws Exception {
    ok("POST", "/api/v1/keys", Map.of("name", "a", "project", "p"));
    instance.seal().seal();
    HttpResponse<String> r = call("POST", "/api/v1/keys/a/sign", Map.of("message", MSG), token);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(type(r)).isEqualTo("sealed");
  }

  @Test
  void encryptDecrypt_hybrid_roundTripsAndTruncatedIsBadRequest() throws Exception {
    ok("POST", "/api/v1/keys", Map.of("name", "box", "project", "p", "type", "ml-kem-768-x25519"));
    String ct = ok("POST", "/api/v1/keys/box/encrypt", Map.of("plaintext", MSG)).path("ciphertext").asText();
    assertThat(ok("POST", "/api/v1/keys/box/decrypt", Map.of("ciphertext", ct)).path("plaintext").asText())
        .isEqualTo(MSG);
    HttpResponse<String> cut = call("POST", "/api/v1/keys/box/decrypt", Map.of("ciphertext", ct.substring(0, 40)),
        token);
    assertThat(cut.statusCode()).isEqualTo(400);
    assertThat(type(cut)).isEqualTo("decrypt-failed");
  }

  @Test
  void keyRoutes_callerFromAnotherProject_seesNoSuchKey() throws Exception {
    ok("POST", "/api/v1/keys", Map.of("name", "release", "project", "payments"));
    String stranger = sovereign.munin.keep.app.TestCallers.projectOwner(instance, "elsewhere");
    HttpResponse<String> sign = call("POST", "/api/v1/keys/release/sign", Map.of("message", MSG), stranger);
    assertThat(sign.statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/v1/keys/release", null, stranger).statusCode()).isEqualTo(404);
    assertThat(call("POST", "/api/v1/keys", Map.of("name", "mine", "project", "payments"), stranger).statusCode())
        .isEqualTo(404);
    String list = call("GET", "/api/v1/keys", null, stranger).body();
    assertThat(list).doesNotContain("release");
    String admin = sovereign.munin.keep.app.TestCallers.withRole(instance, "admin");
    assertThat(call("POST", "/api/v1/keys/release/sign", Map.of("message", MSG), admin).statusCode()).isEqualTo(404);
  }
}
