package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over plain HTTPS requests: headers, cookies, CSRF, escaping and redirects, without a browser. */
class ConsoleHttpTest {

  @TempDir
  Path base;

  ServerFixture f;

  @BeforeEach
  void start() {
    f = new ServerFixture(base, null, null);
    f.user("dana", "developer");
    f.user("owen", "developer");
    f.identity.projects().create("test", "payments", "owen");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void root_redirectsToTheConsole_andAnonymousPagesToSignIn() throws Exception {
    HttpResponse<String> root = get("/", null);
    assertThat(root.statusCode()).isEqualTo(303);
    assertThat(root.headers().firstValue("Location")).hasValue("/console");
    HttpResponse<String> console = get("/console/requests", null);
    assertThat(console.statusCode()).isEqualTo(303);
    assertThat(console.headers().firstValue("Location")).hasValue("/console/auth/login?next=%2Fconsole%2Frequests");
  }

  @Test
  void signIn_setsAStrictSessionCookie_andPagesSendAStrictPolicy() throws Exception {
    String cookie = signIn("dana", "/console/requests");
    HttpResponse<String> page = get("/console/requests", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
  }

  @Test
  void signIn_withoutTheFormToken_isRefused() throws Exception {
    HttpResponse<String> res = post("/console/auth/login", Map.of("name", "dana", "password",
        ServerFixture.PASSWORD, "csrf", "made-up"), "keep_console_login=other");
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("data-problem=\"csrf-token-missing\"");
    assertThat(res.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Authenticator.COOKIE + "="));
  }

  @Test
  void signIn_withAWrongPassword_showsTheFormAgain_withTheSameMessageForEveryFailure() throws Exception {
    HttpResponse<String> form = get("/console/auth/login", null);
    String token = hidden(form.body(), "csrf");
    HttpResponse<String> res = post("/console/auth/login", Map.of("name", "dana", "password", "wrong password!",
        "csrf", token), loginCookie(form));
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.body()).contains("sign-in failed").contains("id=\"login-form\"");
  }

  @Test
  void signIn_neverRedirectsOffTheConsole() throws Exception {
    HttpResponse<String> form = get("/console/auth/login", null);
    HttpResponse<String> res = post("/console/auth/login", Map.of("name", "dana", "password", ServerFixture.PASSWORD,
        "csrf", hidden(form.body(), "csrf"), "next", "https://elsewhere.example/console"), loginCookie(form));
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue("/console");
  }

  @Test
  void formPost_withoutTheSessionsCsrfToken_isRefused_andChangesNothing() throws Exception {
    String cookie = signIn("dana", "/console");
    int before = f.identity.access().list().size();
    HttpResponse<String> res = post("/console/requests", Map.of("project", "payments", "role", "developer",
        "reason", "on call", "days", "3"), cookie);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(res.body()).contains("data-problem=\"csrf-token-missing\"", "cross-site request forgery");
    assertThat(f.identity.access().list()).hasSize(before);
  }

  @Test
  void userText_isEscapedOnEveryPage() throws Exception {
    String cookie = signIn("dana", "/console");
    String csrf = hidden(get("/console/requests", cookie).body(), "csrf");
    HttpResponse<String> res = post("/console/requests", Map.of("project", "payments", "role", "developer",
        "reason", "<script>alert('x')</script> & \"more\"", "days", "3", "csrf", csrf), cookie);
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue("/console/requests?m=requested");
    String page = get("/console/requests", cookie).body();
    assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
        + "&quot;more&quot;");
  }

  @Test
  void badInput_showsAReadableErrorPage_andFilesNothing() throws Exception {
    String cookie = signIn("dana", "/console");
    String csrf = hidden(get("/console/requests", cookie).body(), "csrf");
    HttpResponse<String> res = post("/console/requests", Map.of("project", "nowhere", "role", "developer",
        "reason", "x", "days", "3", "csrf", csrf), cookie);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).contains("data-problem=\"project-not-found\"", "no project named &#39;nowhere&#39;");
    assertThat(f.identity.access().list()).isEmpty();
  }

  @Test
  void assets_comeFromAFixedList() throws Exception {
    HttpResponse<String> css = get("/console/assets/pico.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(css.body()).contains("Pico CSS");
    assertThat(get("/console/assets/..%2F..%2Fkeep.toml", null).statusCode()).isEqualTo(404);
    assertThat(get("/console/assets/nothing.js", null).body()).contains("data-problem=\"not-found\"");
  }

  /** Signs in through the form; returns the session cookie as a Cookie header value. */
  String signIn(String name, String next) throws Exception {
    HttpResponse<String> form = get("/console/auth/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
        null);
    HttpResponse<String> res = post("/console/auth/login", Map.of("name", name, "password", ServerFixture.PASSWORD,
        "csrf", hidden(form.body(), "csrf"), "next", hidden(form.body(), "next")), loginCookie(form));
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue(next);
    String session = res.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(Authenticator.COOKIE + "=")).findFirst().orElseThrow();
    assertThat(session).contains("; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/");
    return session.substring(0, session.indexOf(';'));
  }

  static String loginCookie(HttpResponse<String> form) {
    String c = form.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith(ConsoleLogin.LOGIN_COOKIE))
        .findFirst().orElseThrow();
    assertThat(c).contains("; Secure", "; HttpOnly", "; SameSite=Strict");
    return c.substring(0, c.indexOf(';'));
  }

  static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("hidden field " + name).isTrue();
    return m.group(1);
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(f.server.url() + path)).timeout(Duration.ofSeconds(30)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return f.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> form, String cookie) throws Exception {
    String body = new LinkedHashMap<>(form).entrySet().stream().map(e -> URLEncoder.encode(e.getKey(),
        StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    var b = HttpRequest.newBuilder(URI.create(f.server.url() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return f.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
