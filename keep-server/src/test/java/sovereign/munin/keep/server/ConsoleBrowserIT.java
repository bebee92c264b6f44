package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import sovereign.munin.keep.crypto.Base32;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Totp;
import sovereign.munin.keep.governance.AccessRequest;

/**
 * The web console in a real browser (headless Chromium over TLS, at https://localhost): first sign-in, TOTP
 * enrolment, an access request through both approvals with step-up, CSRF refusal and the idle timeout.
 */
class ConsoleBrowserIT {

  @TempDir
  Path base;

  @TempDir
  Path profile;

  ConsoleBrowser.Session session;
  ServerFixture f;
  ChromeDriver browser;
  String origin;
  ConsolePages pages;
  final Map<String, SecretBytes> totp = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    session = ConsoleBrowser.Session.open(base, profile);
    f = session.fixture();
    browser = session.browser();
    origin = session.origin();
    pages = session.pages();
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.close();
    }
    totp.values().forEach(SecretBytes::close);
  }

  @Test
  void firstAdmin_signsInWithTheOneTimePassword_andMustChangeItFirst() {
    String oneTime = f.init.adminPassword().value();
    signIn("admin", oneTime, null);
    assertThat(path()).isEqualTo("/console/auth/password");
    assertThat(text("#notice")).contains("Choose a new password");
    browser.get(origin + "/console/requests");
    assertThat(path()).as("nothing else opens before the change").isEqualTo("/console/auth/password");
    type("#password-form input[name=current]", oneTime);
    type("#password-form input[name=next]", "a long new admin passphrase");
    click("#password-form button");
    assertThat(path()).isEqualTo("/console");
    assertThat(text("#me-name")).isEqualTo("admin");
    assertThat(text("#notice")).contains("password is changed");
    signOut();
    signIn("admin", "a long new admin passphrase", null);
    assertThat(text("#me-role")).isEqualTo("admin");
  }

  @Test
  void user_enrolsTotpFromThePage_thenSignsInWithACode() throws Exception {
    f.user("tove", "developer");
    signIn("tove", ServerFixture.PASSWORD, null);
    assertThat(text("#me-mfa")).contains("Not set up");
    follow("set it up now");
    click("#totp-start-form button");
    assertThat(browser.findElements(By.cssSelector("figure.qr svg path"))).hasSize(1);
    String secret = text("#totp-secret").replace(" ", "");
    totp.put("tove", SecretBytes.copyOf(Base32.decode(secret)));
    type("#totp-confirm-form input[name=code]", code("tove"));
    click("#totp-confirm-form button");
    assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
    click("#continue");
    assertThat(text("#me-mfa")).contains("Authenticator app set up");
    signOut();

    signIn("tove", ServerFixture.PASSWORD, null);
    assertThat(path()).as("the password alone is no longer enough").isEqualTo("/console/auth/login");
    assertThat(text("#error")).contains("sign-in failed");
    signIn("tove", ServerFixture.PASSWORD, code("tove"));
    assertThat(path()).isEqualTo("/console");
    assertThat(auditActions()).contains("user.mfa-enrol-start", "user.mfa-enrol");
  }

  @Test
  void accessRequest_needsTheOwnerAndTheSecurityTeam_withStepUp_andShowsInTheReport() throws Exception {
    f.user("dev", "developer");
    enrolled("olivia", "developer");
    enrolled("sam", "security-team");
    f.user("aud", "auditor");
    f.identity.projects().create("test", "payments", "olivia");

    signIn("dev", ServerFixture.PASSWORD, null);
    follow("Requests");
    type("#request-form input[name=project]", "payments");
    type("#request-form textarea[name=reason]", "fix the settlement bug");
    WebElement days = browser.findElement(By.cssSelector("#request-form input[name=days]"));
    days.clear();
    days.sendKeys("7");
    click("#request-form button");
    assertThat(text("#notice")).contains("access request is filed");
    String id = browser.findElement(By.cssSelector("#my-requests tr[data-request]")).getAttribute("data-request");
    assertThat(text("#my-requests tr[data-request] .status")).isEqualTo("PENDING");
    signOut();

    signIn("olivia", ServerFixture.PASSWORD, code("olivia"));
    f.clock.advance(Duration.ofMinutes(6)); // the sign-in's MFA is no longer fresh enough to approve
    follow("Approvals");
    click("tr[data-request='" + id + "'] form.approve button");
    assertThat(path()).as("approving needs a fresh MFA check").isEqualTo("/console/auth/step-up");
    assertThat(status(id)).isEqualTo(AccessRequest.Status.PENDING);
    assertThat(approvals(id)).isZero();
    type("#step-up-form input[name=code]", code("olivia"));
    click("#step-up-form button");
    assertThat(path()).isEqualTo("/console/approvals");
    assertThat(text("#notice")).contains("MFA confirmed");

    String first = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(origin + "/console/approvals"); // a second tab still shows the approve button
    String stale = browser.getWindowHandle();
    browser.switchTo().window(first);
    click("tr[data-request='" + id + "'] form.approve button");
    assertThat(text("#notice")).contains("approval is recorded");
    assertThat(browser.findElements(By.cssSelector("tr[data-request='" + id + "']"))).isEmpty();
    assertThat(status(id)).as("one approval is not enough").isEqualTo(AccessRequest.Status.PENDING);

    browser.switchTo().window(stale);
    click("tr[data-request='" + id + "'] form.approve button");
    assertThat(browser.findElement(By.id("problem")).getAttribute("data-problem")).isEqualTo("same-approver");
    assertThat(approvals(id)).as("the same person never counts twice").isEqualTo(1);
    browser.close();
    browser.switchTo().window(first);
    signOut();

    signIn("sam", ServerFixture.PASSWORD, code("sam"));
    follow("Approvals");
    assertThat(text("tr[data-request='" + id + "']")).contains("dev", "payments", "project owner: olivia");
    click("tr[data-request='" + id + "'] form.approve button");
    assertThat(text("#notice")).contains("approval is recorded");
    assertThat(status(id)).isEqualTo(AccessRequest.Status.ACTIVE);
    signOut();

    signIn("dev", ServerFixture.PASSWORD, null);
    browser.get(origin + "/console/requests");
    assertThat(text("#my-requests tr[data-request='" + id + "'] .status")).startsWith("ACTIVE until");
    signOut();

    signIn("aud", ServerFixture.PASSWORD, null);
    follow("Access audit");
    WebElement row = browser.findElement(By.cssSelector("#access-report tr[data-grant]"));
    assertThat(row.getText()).contains("dev", "payments", "developer");
    assertThat(row.findElement(By.cssSelector(".owner")).getText()).isEqualTo("olivia");
    assertThat(row.findElement(By.cssSelector(".security")).getText()).isEqualTo("sam");
    assertThat(auditActions()).contains("access.request", "access.approve", "user.step-up");
  }

  @Test
  void formWithoutTheCsrfToken_isRefused() {
    f.user("dev", "developer");
    f.identity.projects().create("test", "payments", "dev");
    signIn("dev", ServerFixture.PASSWORD, null);
    browser.get(origin + "/console/requests");
    type("#request-form input[name=project]", "payments");
    type("#request-form textarea[name=reason]", "forged");
    browser.executeScript("document.querySelector('#request-form input[name=csrf]').remove();");
    click("#request-form button");
    assertThat(browser.findElement(By.id("problem")).getAttribute("data-problem")).isEqualTo("csrf-token-missing");
    assertThat(browser.getPageSource()).contains("cross-site request forgery");
    assertThat(f.identity.access().list()).isEmpty();
  }

  @Test
  void idleSession_sendsTheBrowserToSignIn_withAMessage_andBackAfterwards() {
    f.user("dev", "developer");
    signIn("dev", ServerFixture.PASSWORD, null);
    browser.get(origin + "/console/requests");
    f.clock.advance(Duration.ofMinutes(16)); // idle timeout is 15 minutes
    navigating(() -> browser.navigate().refresh());
    assertThat(path()).isEqualTo("/console/auth/login");
    assertThat(text("#notice")).contains("session ended");
    type("#login-form input[name=name]", "dev");
    type("#login-form input[name=password]", ServerFixture.PASSWORD);
    click("#login-form button");
    assertThat(path()).isEqualTo("/console/requests");
  }

  private void signIn(String name, String password, String code) {
    pages.signIn(name, password, code);
  }

  private void signOut() {
    pages.signOut();
  }

  /** A user with a known password and TOTP set up through the use cases. */
  private void enrolled(String name, String role) {
    String userId = f.user(name, role);
    String uri = f.identity.mfa().enrol(f.identity.users().byId(userId), "session");
    Matcher m = Pattern.compile("secret=([A-Z2-7]+)").matcher(uri);
    assertThat(m.find()).isTrue();
    totp.put(name, SecretBytes.copyOf(Base32.decode(m.group(1))));
    f.identity.mfa().confirm(f.identity.users().byId(userId), code(name), "session");
  }

  /** A fresh code: the clock moves to the next time step first, since a code is accepted only once. */
  private String code(String name) {
    f.clock.advance(Duration.ofSeconds(Totp.DEFAULT.periodSeconds()));
    Instant now = f.clock.instant();
    return Totp.DEFAULT.codeAt(totp.get(name), Totp.DEFAULT.stepAt(now));
  }

  private AccessRequest request(String id) {
    return f.identity.access().list().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
  }

  private AccessRequest.Status status(String id) {
    return request(id).statusAt(f.clock.instant());
  }

  private int approvals(String id) {
    return request(id).approvals().size();
  }

  private List<String> auditActions() throws Exception {
    String reader = f.user("reader-" + System.nanoTime() % 100000, "auditor");
    var res = f.withToken("GET", "/api/v1/audit/events?limit=500", null, f.token(reader, List.of(), List.of()));
    List<String> actions = new java.util.ArrayList<>();
    ServerFixture.json(res).forEach(e -> actions.add(e.path("action").asText()));
    return actions;
  }

  private String path() {
    return pages.path();
  }

  private String text(String css) {
    return pages.text(css);
  }

  private void type(String css, String value) {
    pages.type(css, value);
  }

  private void click(String css) {
    pages.click(css);
  }

  private void follow(String linkText) {
    pages.follow(linkText);
  }

  private void navigating(Runnable action) {
    pages.navigating(action);
  }
}
