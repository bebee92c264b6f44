package sovereign.munin.keep.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Peer verifier: Python's {@code cryptography} package, as Debian's python3-cryptography installs it. */
public final class PythonCryptography {

  private PythonCryptography() {}

  /** Aborts the calling test (a skip; a failure under CI=true) when python3 or its cryptography is missing. */
  public static void require() throws InterruptedException {
    Process check;
    try {
      check = new ProcessBuilder("python3", "-c", "import cryptography").redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed: " + e.getMessage());
      return;
    }
    boolean present = check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    Assumptions.assumeTrue(present, "Python's cryptography package is missing (apt-get install python3-cryptography)");
  }
}
