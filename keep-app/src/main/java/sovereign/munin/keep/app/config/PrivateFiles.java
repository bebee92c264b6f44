package sovereign.munin.keep.app.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import sovereign.munin.keep.store.FileModes;

/** Writes files only their owner may read, created new (never overwriting) and synced to disk. */
public final class PrivateFiles {

  private PrivateFiles() {}

  /** Creates {@code file} with mode 0600 and the given content; fails if it already exists. */
  public static void write(Path file, byte[] content) throws IOException {
    var attrs = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists; refusing to overwrite it", e);
    }
  }

  /**
   * Narrows a data directory to its owner: the directory and its tls/ and blobs/ folders 0700, keep.toml and the
   * files in tls/ 0600. Run at init and at every start, so instances made by older versions are narrowed too.
   * Files it cannot change (another owner, no POSIX modes) are left as they are.
   */
  public static void ownerOnly(DataDirectory dir) {
    var dirMode = PosixFilePermissions.fromString("rwx------");
    var fileMode = PosixFilePermissions.fromString("rw-------");
    for (Path d : new Path[] {dir.root(), dir.tlsDir(), dir.blobs()}) {
      FileModes.narrow(d, dirMode);
    }
    FileModes.narrow(dir.config(), fileMode);
    try (var files = Files.list(dir.tlsDir())) {
      files.filter(Files::isRegularFile).forEach(f -> FileModes.narrow(f, fileMode));
    } catch (IOException | RuntimeException e) {
      // no tls/ folder (a certificate configured elsewhere): nothing to narrow there
    }
  }

  /** Reads a small private file, refusing anything larger than {@code maxBytes}. */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    if (Files.size(file) > maxBytes) {
      throw new IOException(file + " is larger than " + maxBytes + " bytes");
    }
    return Files.readAllBytes(file);
  }
}
