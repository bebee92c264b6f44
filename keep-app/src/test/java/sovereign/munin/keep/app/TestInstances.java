package sovereign.munin.keep.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.seal.ShareFile;

/** Creates real instances in temporary folders for tests. */
public final class TestInstances {

  private TestInstances() {}

  /** A production-style instance sealed with 3-of-5 shares written to {@code base/shares}. */
  public static InitResult shamir(Path base, ListenAddress listen) {
    DataDirectory dir = new DataDirectory(base.resolve("data"));
    return new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(dir,
        InitRequest.SealKind.SHAMIR, 5, 3, base.resolve("shares"), listen, null, null));
  }

  /** A dev instance (unseals itself), optionally on the given database URLs. */
  public static InitResult dev(Path base, String stateDb, String keysDb) {
    DataDirectory dir = new DataDirectory(base.resolve("data"));
    return new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(dir,
        InitRequest.SealKind.DEV, 1, 1, null, ListenAddress.DEFAULT, stateDb, keysDb));
  }

  public static KeepInstance open(Path dataDir) {
    return KeepInstance.open(new DataDirectory(dataDir), Map.of(), Clock.systemUTC(), new SecureRandom());
  }

  public static ShareFile share(Path file) {
    try {
      return ShareFile.parse(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
