package sovereign.munin.keep.app.identity;

import java.nio.file.Path;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;

/** The identity use cases on SQLite. */
class IdentitySqliteTest extends IdentityContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, null, null).dataDir());
  }
}
