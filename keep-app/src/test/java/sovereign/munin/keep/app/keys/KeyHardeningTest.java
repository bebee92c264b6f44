package sovereign.munin.keep.app.keys;

import java.nio.file.Path;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;

/** Key hardening on SQLite. */
class KeyHardeningTest extends KeyHardeningContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, null, null).dataDir());
  }
}
