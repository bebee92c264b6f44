package sovereign.munin.keep.server;


import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, trusting exactly one server certificate: the SPKI
 * hash of the instance's self-signed certificate is allowed, every other certificate error stays an error (so
 * the page is a secure context, as WebAuthn needs).
 *
 * <p>Without the browser the test is skipped on a developer's machine, but fails when {@code CI=true} (keep-testkit's
 * CiMustRun).
 */
final class ConsoleBrowser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private ConsoleBrowser() {}

  /** Skips when Chromium or its driver is not installed (under CI=true the build's CiMustRun makes that a failure). */
  static void requireInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String why = CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)";
    Assumptions.abort(why);
  }

  /** A server on a fresh instance and a browser that trusts it, opened at the console's origin. */
  record Session(ServerFixture fixture, ChromeDriver browser, String origin, ConsolePages pages)
      implements AutoCloseable {

    /** A fresh instance under {@code base} and Chromium with its profile under {@code profile}. */
    static Session open(Path base, Path profile) throws Exception {
      requireInstalled();
      ServerFixture f = new ServerFixture(base, null, null);
      try {
        ChromeDriver browser = start(f.init.tlsCert(), profile);
        String origin = "https://localhost:" + f.server.port();
        return new Session(f, browser, origin, new ConsolePages(browser, origin));
      } catch (Exception | Error e) {
        f.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        browser.quit();
      } finally {
        fixture.close();
      }
    }
  }

  /** Starts Chromium trusting only {@code serverCertPem}, with a fresh profile under {@code profileDir}. */
  static ChromeDriver start(Path serverCertPem, Path profileDir) throws Exception {
    return start(serverCertPem, profileDir, true);
  }

  /** As {@link #start(Path, Path)}; with {@code javascript} false the browser runs no script, as some users set it. */
  static ChromeDriver start(Path serverCertPem, Path profileDir, boolean javascript) throws Exception {
    requireInstalled();
    System.setProperty("SE_OFFLINE", "true");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profileDir.toAbsolutePath(),
        "--ignore-certificate-errors-spki-list=" + spkiHash(serverCertPem)));
    if (!javascript) {
      options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, the form Chromium's allow-list takes. */
  static String spkiHash(Path certPem) throws Exception {
    try (InputStream in = Files.newInputStream(certPem)) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(digest);
    }
  }
}
