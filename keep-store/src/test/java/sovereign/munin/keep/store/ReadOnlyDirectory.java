package sovereign.munin.keep.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory truly read-only for the current user: mode 0555, and for root (which ignores mode bits) the
 * immutable attribute via {@code chattr +i}. {@link #close()} undoes both.
 */
public final class ReadOnlyDirectory implements AutoCloseable {

  private final Path dir;
  private final boolean immutable;

  private ReadOnlyDirectory(Path dir, boolean immutable) {
    this.dir = dir;
    this.immutable = immutable;
  }

  public static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path probe = dir.resolve(".probe");
    try {
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException denied) {
      return new ReadOnlyDirectory(dir, false);
    }
    Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
    boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    Assumptions.assumeTrue(ok, "cannot make " + dir + " read-only for this user here (chattr +i failed)");
    return new ReadOnlyDirectory(dir, true);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (immutable) {
      new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
