package sovereign.munin.keep.app.seal;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * One SoftHSM2 token per JVM, in the folder named by SOFTHSM2_CONF (set by surefire before the JVM starts): SoftHSM
 * sees only the tokens that exist when the library first loads, so tests share it and use distinct key aliases.
 *
 * <p>Without SoftHSM the test is skipped on a developer's machine, but fails when {@code CI=true} (keep-testkit's
 * CiMustRun).
 */
public final class TestHsm {

  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  public static final String PIN = "1234";

  private static String slot;

  private TestHsm() {}

  /** A SunPKCS11 config file (in {@code dir}) for the shared test token. */
  public static synchronized Path token(Path dir) {
    if (slot == null) {
      slot = initToken();
    }
    try {
      return config(dir, "library = " + LIBRARY + "\nslot = " + slot + "\n");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String initToken() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (!Files.exists(Path.of(LIBRARY)) || !Files.isExecutable(Path.of("/usr/bin/softhsm2-util")) || conf == null) {
      String why = "SoftHSM2 is not installed (apt-get install -y softhsm2 opensc) or SOFTHSM2_CONF is unset";
      Assumptions.abort(why);
    }
    try {
      Path confFile = Path.of(conf);
      Path tokens = confFile.resolveSibling("tokens");
      if (Files.exists(tokens)) {
        try (var old = Files.walk(tokens)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
          + "log.level = ERROR\n", StandardCharsets.US_ASCII);
      String label = "keep-" + UUID.randomUUID().toString().substring(0, 8);
      Process p = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
          "--so-pin", "5678").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("softhsm2-util failed: " + out);
      }
      Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
      if (!m.find()) {
        throw new AssertionError("no slot in softhsm2-util output: " + out);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A config file with the given body and a unique provider name. */
  public static Path config(Path dir, String body) throws IOException {
    Path file = dir.resolve("pkcs11-" + UUID.randomUUID() + ".cfg");
    Files.writeString(file, "name = KeepTest" + UUID.randomUUID().toString().substring(0, 8) + "\n" + body);
    return file;
  }
}
