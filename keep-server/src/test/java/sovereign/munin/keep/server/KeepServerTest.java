package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;

/** The server over real TLS on a loopback port: health, readiness, unseal, seal and the refusals. */
class KeepServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private InitResult init;
  private KeepInstance instance;
  private KeepServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    init = TestInstances.shamir(base, ListenAddress.parse("127.0.0.1:0"));
    instance = TestInstances.open(init.dataDir());
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
    client = HttpClient.newBuilder().sslContext(ClientTls.trusting(init.tlsCert())).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    instance.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> unseal(Path shareFile) throws Exception {
    return post("/api/v1/sys/unseal", JSON.writeValueAsString(Map.of("share", Files.readString(shareFile))), null);
  }

  private static JsonNode json(HttpResponse<String> res) throws IOException {
    return JSON.readTree(res.body());
  }

  @Test
  void healthz_sealed_isUpButNotReady() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(json(ready).path("type").asText()).isEqualTo("urn:munin-keep:problem:sealed");
  }

  @Test
  void unseal_threeShares_makesReady() throws Exception {
    JsonNode first = json(unseal(init.shareFiles().get(0)));
    assertThat(first.path("sealed").asBoolean()).isTrue();
    assertThat(first.path("progress").asInt()).isEqualTo(1);
    unseal(init.shareFiles().get(3));
    HttpResponse<String> last = unseal(init.shareFiles().get(4));
    assertThat(last.statusCode()).isEqualTo(200);
    assertThat(json(last).path("sealed").asBoolean()).isFalse();
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void unseal_sameShareTwice_isConflictProblem() throws Exception {
    unseal(init.shareFiles().get(1));
    HttpResponse<String> again = unseal(init.shareFiles().get(1));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("type").asText()).isEqualTo("urn:munin-keep:problem:share-duplicate");
    assertThat(json(get("/api/v1/sys/status")).path("progress").asInt()).isEqualTo(1);
  }

  @Test
  void unseal_garbage_isBadRequestAndChangesNothing() throws Exception {
    HttpResponse<String> notJson = post("/api/v1/sys/unseal", "{not json", null);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).path("type").asText()).isEqualTo("urn:munin-keep:problem:malformed-json");
    HttpResponse<String> notShare = post("/api/v1/sys/unseal", "{\"share\":\"hello\"}", null);
    assertThat(notShare.statusCode()).isEqualTo(400);
    assertThat(json(notShare).path("type").asText()).isEqualTo("urn:munin-keep:problem:share-malformed");
    assertThat(json(get("/api/v1/sys/status")).path("progress").asInt()).isZero();
  }

  @Test
  void seal_withoutToken_isRefused_withAdminToken_seals() throws Exception {
    init.shareFiles().subList(0, 3).forEach(p -> {
      try {
        unseal(p);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> anonymous = post("/api/v1/sys/seal", "{}", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/sys/seal", "{}", "keep_aaaaaaaaaaaa_" + "A".repeat(43)).statusCode()).isEqualTo(401);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> sealed = post("/api/v1/sys/seal", "{}", init.adminToken().secret());
    assertThat(sealed.statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void unknownRoute_isProblemJson404() throws Exception {
    HttpResponse<String> res = get("/api/v1/nothing-here");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(json(res).path("type").asText()).isEqualTo("urn:munin-keep:problem:not-found");
  }

  @Test
  void plainHttp_onHttpsPort_getsFixedRefusal() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("https-required").doesNotContain("ready");
    }
  }

  @Test
  void tls12Client_isRefused() throws Exception {
    SSLContext ctx = ClientTls.trusting(init.tlsCert());
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void clientTrustingAnotherCertificate_failsHandshake() throws Exception {
    InitResult other = TestInstances.shamir(base.resolve("other"), ListenAddress.DEFAULT);
    try (HttpClient stranger = HttpClient.newBuilder().sslContext(ClientTls.trusting(other.tlsCert())).build()) {
      assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void start_portInUse_isClearError() {
    ListenAddress taken = ListenAddress.parse("127.0.0.1:" + server.port());
    assertThatThrownBy(() -> KeepServer.start(instance, taken))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("port-in-use"))
        .hasMessageContaining("already in use");
  }
}
