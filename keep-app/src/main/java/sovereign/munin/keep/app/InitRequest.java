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
 * @param hsm       the PKCS#11 token holding the root key, for {@link SealKind#HSM} only
 */
public record InitRequest(DataDirectory dataDir, SealKind seal, int shares, int threshold, Path sharesDir,
    ListenAddress listen, String stateDb, String keysDb, Hsm hsm) {

  /** A SunPKCS11 config file and the user PIN (from {@code KEEP_HSM_PIN}). */
  public record Hsm(Path config, char[] pin) {
    public Hsm {
      Objects.requireNonNull(config, "config");
    }
  }

  /** A request without an HSM, as before the HSM seal existed. */
  public InitRequest(DataDirectory dataDir, SealKind seal, int shares, int threshold, Path sharesDir,
      ListenAddress listen, String stateDb, String keysDb) {
    this(dataDir, seal, shares, threshold, sharesDir, listen, stateDb, keysDb, null);
  }

  /** How the root key is protected. */
  public enum SealKind {
    SHAMIR("shamir"), DEV("dev"), HSM("hsm");

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
