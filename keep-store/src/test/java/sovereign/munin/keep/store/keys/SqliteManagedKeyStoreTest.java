package sovereign.munin.keep.store.keys;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.store.DatabaseUrl;

/** The managed-key DAO suite on SQLite files. */
class SqliteManagedKeyStoreTest extends ManagedKeyStoreContract {

  @TempDir
  Path dir;

  @Override
  protected DatabaseUrl stateUrl() {
    return DatabaseUrl.sqlite(dir.resolve("keep.db"));
  }

  @Override
  protected DatabaseUrl keysUrl() {
    return DatabaseUrl.sqlite(dir.resolve("keys.db"));
  }
}
