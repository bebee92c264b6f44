package sovereign.munin.keep.app.identity;

import java.nio.file.Path;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.store.TestPostgres;

/** The WebAuthn use cases on PostgreSQL. */
class WebAuthnPostgresIT extends WebAuthnContract {

  @Override
  protected Path newDevInstance(Path base) {
    return TestInstances.dev(base, TestPostgres.freshDatabase().display(), TestPostgres.freshDatabase().display())
        .dataDir();
  }
}
