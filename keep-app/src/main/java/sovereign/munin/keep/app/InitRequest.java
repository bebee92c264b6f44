package sovereign.munin.keep.app;

import java.nio.file.Path;
import java.util.Objects;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;

/**
 * What {@code keep init} was asked for: where, how the root key is sealed, and where state lives.
 *
 * @param sharesDir where Shamir share files go (never inside the data directory); null for dev
 * @param stateDb   database URL for state, null for {@code sqlite:keep.db} in the data directory
 * @param keysDb    database URL for the key store, null for {@code sqlite:keys.db} in the data directory
 */
public record InitRequest(DataDirectory dataDir, SealKind seal, int shares, int threshold, Path sharesDir,
    ListenAddress listen, String stateDb, String keysDb) {

  /** How the root key is protected. */
  public enum SealKind {
    SHAMIR("shamir"), DEV("dev");

    private final String id;

    SealKind(String id) { this.id = id; }

    public String id() { return id; }
  }

  public InitRequest {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(listen, "listen");
  }

  /** A dev instance: dev seal, SQLite in the data directory. */
  public static InitRequest dev(DataDirectory dir, ListenAddress listen) {
    return new InitRequest(dir, SealKind.DEV, 1, 1, null, listen, null, null);
  }
}
