package sovereign.munin.keep.app.identity;

import java.nio.file.Path;
import sovereign.munin.keep.app.TestInstances;

/** The WebAuthn use cases on SQLite. */
class WebAuthnSqliteTest extends WebAuthnContract {

  @Override
  protected Path newDevInstance(Path base) {
    return TestInstances.dev(base, null, null).dataDir();
  }
}
