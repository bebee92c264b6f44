package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestClock;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.NewUser;
import sovereign.munin.keep.app.tls.ClientTls;
import sovereign.munin.keep.governance.SessionPolicy;

/** A dev instance served over real TLS on a loopback port, with a hand-moved clock and helpers for callers. */
final class ServerFixture implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "correct horse battery staple";

  final InitResult init;
  final TestClock clock = TestClock.now();
  final KeepInstance instance;
  final KeepServer server;
  final HttpClient client;
  final Identity identity;

  /** A signed-in browser: the session cookie and its CSRF token. */
  record Session(String cookie, String csrf, JsonNode body) {}

  ServerFixture(Path base, String stateDb, String keysDb) {
    this(base, stateDb, keysDb, false);
  }

  /** With {@code probe}, handlers only answer that the authoriser let the caller through (see KeepServer). */
  ServerFixture(Path base, String stateDb, String keysDb, boolean probe) {
    init = TestInstances.dev(base, stateDb, keysDb);
    instance = KeepInstance.open(new DataDirectory(init.dataDir()), Map.of(), clock, new SecureRandom());
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"), SessionPolicy.DEFAULT, probe);
    client = HttpClient.newBuilder().sslContext(ClientTls.trusting(init.tlsCert())).build();
    identity = Identity.of(instance, SessionPolicy.DEFAULT);
  }

  /** Creates a user with a known password (the one-time password already changed). */
  String user(String name, String role) {
    NewUser u = identity.users().create("test", name, role);
    identity.users().changePassword(u.id(), u.password().value(), PASSWORD);
    return u.id();
  }

  HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
    String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
    b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(text));
    if (!method.equals("GET")) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> withToken(String method, String path, Object body, String token) throws Exception {
    return send(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  HttpResponse<String> withSession(String method, String path, Object body, Session s) throws Exception {
    return send(method, path, body, Map.of("Cookie", Authenticator.COOKIE + "=" + s.cookie(),
        Authenticator.CSRF_HEADER, s.csrf()));
  }

  HttpResponse<String> loginResponse(String name, String password, String code, String oldCookie)
      throws Exception {
    Map<String, Object> body = code == null ? Map.of("name", name, "password", password)
        : Map.of("name", name, "password", password, "code", code);
    return send("POST", "/api/v1/auth/login", body, oldCookie == null ? Map.of()
        : Map.of("Cookie", Authenticator.COOKIE + "=" + oldCookie));
  }

  Session login(String name) throws Exception {
    return login(name, null);
  }

  Session login(String name, String code) throws Exception {
    HttpResponse<String> res = loginResponse(name, PASSWORD, code, null);
    if (res.statusCode() != 200) {
      throw new AssertionError("login failed: " + res.body());
    }
    return new Session(cookie(res), json(res).path("csrfToken").asText(), json(res));
  }

  /** Mints a token owned by {@code userId} directly, narrowed as given. */
  String token(String userId, List<String> projects, List<String> permissions) {
    return instance.state().transaction(h -> instance.tokens().issueForUser(h, "test", userId, projects,
        permissions, Duration.ofDays(1))).secret();
  }

  /** The token {@code keep login} keeps for a person who just passed MFA, minted directly. */
  String loginToken(String userId) {
    return instance.state().transaction(h -> instance.tokens().issueLogin(h, userId, Duration.ofDays(1), true))
        .secret();
  }

  static String cookie(HttpResponse<String> res) {
    String header = res.headers().allValues("Set-Cookie").stream()
        .filter(v -> v.startsWith(Authenticator.COOKIE + "=")).findFirst().orElseThrow();
    return header.substring(Authenticator.COOKIE.length() + 1, header.indexOf(';'));
  }

  static JsonNode json(HttpResponse<String> res) throws Exception {
    return JSON.readTree(res.body());
  }

  @Override
  public void close() {
    client.close();
    server.close();
    instance.close();
  }
}
