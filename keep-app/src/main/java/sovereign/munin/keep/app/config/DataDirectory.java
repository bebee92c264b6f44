package sovereign.munin.keep.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import sovereign.munin.keep.app.KeepException;

/** The files of one Munin Keep instance: configuration, databases, blobs and TLS material. */
public record DataDirectory(Path root) {

  public DataDirectory {
    root = root.toAbsolutePath().normalize();
  }

  public Path config() { return root.resolve("keep.toml"); }

  public Path stateDb() { return root.resolve("keep.db"); }

  public Path keysDb() { return root.resolve("keys.db"); }

  public Path blobs() { return root.resolve("blobs"); }

  public Path tlsDir() { return root.resolve("tls"); }

  public Path tlsCert() { return tlsDir().resolve("server.crt"); }

  public Path tlsKey() { return tlsDir().resolve("server.key"); }

  /** Dev mode only: the root key in a file, which is exactly what production must never do. */
  public Path devUnsealFile() { return root.resolve("dev-unseal.key"); }

  /** Dev mode only: an admin API token for the CLI on this machine. */
  public Path devAdminToken() { return root.resolve("dev-admin.token"); }

  /** The token 'keep login' saved for the command line (mode 0600). */
  public Path cliToken() { return root.resolve("cli.token"); }

  /** Where the running server of this directory actually listens, written at start and removed at stop. */
  public Path serverUrl() { return root.resolve("server.url"); }

  /** Dev mode only: the first admin's one-time password, which must be changed at first login. */
  public Path devAdminPassword() { return root.resolve("dev-admin.password"); }

  /** True once init has finished: keep.toml is written last. */
  public boolean isInitialised() {
    return Files.isRegularFile(config());
  }

  /** True when the path is this directory or lies inside it. */
  public boolean contains(Path path) {
    return path.toAbsolutePath().normalize().startsWith(root);
  }

  /** Refuses to init into a directory that already holds an instance or any other files. */
  public void checkFreshForInit() {
    if (isInitialised()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "already-initialised",
          root + " already holds a Munin Keep instance; init refuses to overwrite it"
              + " (start it with 'keep server --data " + root + "')");
    }
    if (Files.exists(root)) {
      if (!Files.isDirectory(root)) {
        throw KeepException.badInput("data-dir-not-directory", root + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(root)) {
        if (entries.findAny().isPresent()) {
          throw new KeepException(KeepException.Kind.CONFLICT, "data-dir-not-empty",
              root + " is not empty and holds no keep.toml; choose an empty or new directory");
        }
      } catch (IOException e) {
        throw KeepException.badInput("data-dir-unreadable", "cannot read " + root + ": " + e.getMessage());
      }
      checkWritable(root);
    } else {
      Path parent = root.getParent();
      while (parent != null && !Files.exists(parent)) {
        parent = parent.getParent();
      }
      if (parent == null || !Files.isDirectory(parent)) {
        throw KeepException.badInput("data-dir-unusable", "no existing parent folder for " + root);
      }
      checkWritable(parent);
    }
  }

  /** Refuses to start on a directory that is missing, uninitialised or not writable. */
  public void checkUsable() {
    if (!Files.isDirectory(root)) {
      throw new KeepException(KeepException.Kind.NOT_FOUND, "data-dir-missing",
          root + " does not exist; create an instance with 'keep init --data " + root + "'");
    }
    if (!isInitialised()) {
      throw new KeepException(KeepException.Kind.NOT_FOUND, "not-initialised",
          root + " holds no Munin Keep instance (no keep.toml); run 'keep init --data " + root + "' first");
    }
    checkWritable(root);
  }

  private static void checkWritable(Path dir) {
    // Probe with a real file: permission bits alone do not tell (root ignores them, read-only mounts do not).
    Path probe = dir.resolve(".keep-write-probe-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      throw KeepException.badInput("data-dir-read-only", dir + " is not writable: " + e.getMessage());
    }
  }
}
