package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import sovereign.munin.keep.app.identity.SoftwareAuthenticator;
import sovereign.munin.keep.crypto.Base32;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Totp;
import sovereign.munin.keep.governance.AccessRequest;

/**
 * Passkeys in the console, in headless Chromium with its virtual authenticator (CTAP2, user verification): adding
 * one on the MFA page, signing in with password and key, step-up with the key before an approval, removal, and a
 * browser without the key getting no session; and the pages without JavaScript.
 */
class PasskeyBrowserIT {

  @TempDir
  Path base;

  @TempDir
  Path profile;

  ConsoleBrowser.Session session;
  ServerFixture f;
  ChromeDriver browser;
  ConsolePages pages;
  String origin;
  SecretBytes totp;

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
    if (totp != null) {
      totp.close();
    }
  }

  @Test
  void passkey_addedOnTheMfaPage_signsIn_stepsUpForAnApproval_andIsUselessWithoutTheAuthenticator()
      throws Exception {
    String dev = f.user("dev", "developer");
    enrolled("olivia", "developer");
    f.identity.projects().create("test", "payments", "olivia");
    String request = f.identity.access().open(f.identity.users().byId(dev), "payments", "developer", "fix the "
        + "settlement bug", 7).id();
    VirtualAuthenticator key = authenticator();

    pages.signIn("olivia", ServerFixture.PASSWORD, code());
    pages.follow("Multi-factor authentication");
    assertThat(pages.text("#passkey-none")).contains("None registered");
    pages.type("#passkey-add-form input[name=label]", "blue key");
    pages.click("#passkey-add-form button");
    assertThat(pages.path()).isEqualTo("/console/auth/mfa");
    assertThat(pages.text("#notice")).contains("passkey or security key is added");
    assertThat(pages.text("#passkey-list tr[data-passkey] .label")).isEqualTo("blue key");
    String credential = browser.findElement(By.cssSelector("#passkey-list tr[data-passkey]"))
        .getAttribute("data-passkey");
    assertThat(key.getCredentials()).hasSize(1);
    assertThat(audit("user.mfa-enrol")).anyMatch(e -> e.contains("webauthn") && e.contains(credential));
    pages.signOut();

    pages.signIn("olivia", ServerFixture.PASSWORD, null);
    assertThat(pages.text("h1")).isEqualTo("Use your security key");
    assertThat(browser.manage().getCookieNamed(Authenticator.COOKIE)).as("no session before the key").isNull();
    pages.navigating(() -> browser.findElement(By.id("passkey-login-button")).click());
    assertThat(pages.path()).isEqualTo("/console");
    assertThat(pages.text("#me-name")).isEqualTo("olivia");
    assertThat(pages.text("#me-mfa")).contains("Authenticator app set up", "1 passkey or security key");

    f.clock.advance(Duration.ofMinutes(6)); // the sign-in's MFA is no longer fresh enough to approve
    pages.follow("Approvals");
    pages.click("tr[data-request='" + request + "'] form.approve button");
    assertThat(pages.path()).as("approving needs a fresh MFA check").isEqualTo("/console/auth/step-up");
    assertThat(approvals(request)).isZero();
    pages.navigating(() -> browser.findElement(By.id("passkey-step-up-button")).click());
    assertThat(pages.path()).isEqualTo("/console/approvals");
    assertThat(pages.text("#notice")).contains("MFA confirmed");
    pages.click("tr[data-request='" + request + "'] form.approve button");
    assertThat(pages.text("#notice")).contains("approval is recorded");
    assertThat(approvals(request)).isEqualTo(1);
    browser.get(origin + "/console/auth/mfa");
    assertThat(pages.text("#passkey-list tr[data-passkey] td:nth-child(3)")).as("last used").isNotEqualTo("never");
    pages.signOut();

    // The credential lived only in the authenticator that is now gone; a fresh one does not hold it.
    ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(key);
    authenticator();
    pages.signIn("olivia", ServerFixture.PASSWORD, null);
    browser.findElement(By.id("passkey-login-button")).click();
    assertThat(pages.shown("#passkey-error")).contains("did not confirm", "not registered for this account");
    assertThat(pages.path()).isEqualTo("/console/auth/login");
    assertThat(browser.manage().getCookieNamed(Authenticator.COOKIE)).isNull();
    browser.get(origin + "/console");
    assertThat(pages.path()).as("no session").isEqualTo("/console/auth/login");
    assertThat(audit("user.login")).as("the sign-ins with TOTP and with the key; the refused key never reached "
        + "the server").hasSize(2);
  }

  @Test
  void passkey_asTheOnlySecondFactor_replacesTheCode_andRemovalNeedsItFirst() throws Exception {
    f.user("ken", "developer");
    VirtualAuthenticator key = authenticator();
    pages.signIn("ken", ServerFixture.PASSWORD, null);
    browser.get(origin + "/console/auth/mfa");
    pages.click("#passkey-add-form button");
    assertThat(pages.text("#passkey-list tr[data-passkey] .label")).isEqualTo("security key");
    pages.signOut();

    pages.signIn("ken", ServerFixture.PASSWORD, "123456");
    assertThat(pages.text("#error")).as("a code is no way in without an authenticator app").contains("sign-in failed");
    pages.signIn("ken", ServerFixture.PASSWORD, null);
    assertThat(browser.findElements(By.id("use-code"))).as("no TOTP, no code alternative").isEmpty();
    pages.navigating(() -> browser.findElement(By.id("passkey-login-button")).click());
    assertThat(pages.text("#me-mfa")).isEqualTo("1 passkey or security key");

    f.clock.advance(Duration.ofMinutes(6));
    browser.get(origin + "/console/auth/mfa");
    pages.click("#passkey-list form.remove button");
    assertThat(pages.path()).as("removing a key needs a fresh check").isEqualTo("/console/auth/step-up");
    assertThat(browser.findElements(By.id("step-up-form"))).as("no TOTP form without TOTP").isEmpty();
    pages.navigating(() -> browser.findElement(By.id("passkey-step-up-button")).click());
    assertThat(pages.path()).isEqualTo("/console/auth/mfa");
    pages.click("#passkey-list form.remove button");
    assertThat(pages.text("#notice")).contains("is removed");
    assertThat(pages.text("#passkey-none")).contains("None registered");
    assertThat(key.getCredentials()).as("removed on the server; the authenticator still holds its copy").hasSize(1);
    assertThat(audit("user.mfa-remove")).hasSize(1);
    browser.get(origin + "/console");
    assertThat(pages.text("#me-mfa")).contains("Not set up");
  }

  @Test
  void withoutJavaScript_thePasskeyPartsSaySo_andTheCodeStillSignsIn() throws Exception {
    enrolled("olivia", "developer");
    ServerFixture.Session s = f.login("olivia", code());
    var options = f.withSession("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", s);
    String answer = new SoftwareAuthenticator(origin, "localhost")
        .register(ServerFixture.json(options).path("challenge").asText());
    assertThat(f.withSession("POST", "/api/v1/auth/mfa/webauthn/register", java.util.Map.of("credential",
        ServerFixture.JSON.readTree(answer), "label", "app key"), s).statusCode()).isEqualTo(201);
    browser.quit();
    browser = ConsoleBrowser.start(f.init.tlsCert(), profile.resolve("no-script"), false);
    pages = new ConsolePages(browser, origin);

    pages.signIn("olivia", ServerFixture.PASSWORD, null);
    assertThat(pages.text("#passkey-login")).contains("needs JavaScript", "code from your authenticator app");
    assertThat(browser.findElement(By.id("passkey-login-button")).isDisplayed()).isFalse();
    pages.click("#use-code");
    pages.type("#login-form input[name=name]", "olivia");
    pages.type("#login-form input[name=password]", ServerFixture.PASSWORD);
    pages.type("#login-form input[name=code]", code());
    pages.click("#login-form button");
    assertThat(pages.path()).isEqualTo("/console");
    assertThat(pages.text("#me-mfa")).contains("Authenticator app set up", "1 passkey or security key");
    browser.get(origin + "/console/auth/mfa");
    assertThat(pages.text("#passkey-list tr[data-passkey] .label")).isEqualTo("app key");
    assertThat(pages.text("#passkeys")).contains("needs JavaScript");
    assertThat(browser.findElement(By.id("passkey-add-form")).isDisplayed()).isFalse();
  }

  /** Chromium's virtual authenticator: CTAP2 over USB, user verification on and always passing. */
  private VirtualAuthenticator authenticator() {
    return ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.USB)
        .setHasResidentKey(false)
        .setHasUserVerification(true)
        .setIsUserVerified(true)
        .setIsUserConsenting(true));
  }

  /** A user with a known password and TOTP set up through the use cases. */
  private void enrolled(String name, String role) {
    String userId = f.user(name, role);
    String uri = f.identity.mfa().enrol(f.identity.users().byId(userId), "session");
    Matcher m = Pattern.compile("secret=([A-Z2-7]+)").matcher(uri);
    assertThat(m.find()).isTrue();
    totp = SecretBytes.copyOf(Base32.decode(m.group(1)));
    f.identity.mfa().confirm(f.identity.users().byId(userId), code(), "session");
  }

  /** A fresh code: the clock moves to the next time step first, since a code is accepted only once. */
  private String code() {
    f.clock.advance(Duration.ofSeconds(Totp.DEFAULT.periodSeconds()));
    return Totp.DEFAULT.codeAt(totp, Totp.DEFAULT.stepAt(f.clock.instant()));
  }

  private int approvals(String id) {
    AccessRequest r = f.identity.access().list().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    return r.approvals().size();
  }

  /** The audit log's successful entries with {@code action}, as their canonical text. */
  private List<String> audit(String action) throws Exception {
    String reader = f.user("reader-" + System.nanoTime() % 100000, "auditor");
    var res = f.withToken("GET", "/api/v1/audit/events?limit=500", null, f.token(reader, List.of(), List.of()));
    List<String> entries = new ArrayList<>();
    for (JsonNode e : ServerFixture.json(res)) {
      if (e.path("action").asText().equals(action) && e.path("outcome").asText().equals("success")) {
        entries.add(e.path("entry").asText());
      }
    }
    return entries;
  }
}
