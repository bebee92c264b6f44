package sovereign.munin.keep.store.identity;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.store.DatabaseUrl;

/** The WebAuthn DAO suite on SQLite. */
class WebAuthnStoreSqliteTest extends WebAuthnStoreContract {

  @TempDir
  Path dir;

  @Override
  protected DatabaseUrl url() {
    return DatabaseUrl.sqlite(dir.resolve("keep.db"));
  }
}
