package sovereign.munin.keep.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Narrows POSIX file modes: takes away what a mode does not grant, never adds (a read-only file stays so). */
public final class FileModes {

  private FileModes() {}

  /**
   * Removes from {@code path} (not following a link) every permission {@code allowed} lacks. A missing path, a
   * file system without POSIX modes or a file another user owns is left as it is; false then.
   */
  public static boolean narrow(Path path, Set<PosixFilePermission> allowed) {
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> narrowed = EnumSet.noneOf(PosixFilePermission.class);
      narrowed.addAll(now);
      narrowed.retainAll(allowed);
      if (!narrowed.equals(now)) {
        Files.setPosixFilePermissions(path, narrowed);
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
