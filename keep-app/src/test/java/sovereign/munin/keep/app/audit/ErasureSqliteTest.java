package sovereign.munin.keep.app.audit;

import java.nio.file.Path;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;

class ErasureSqliteTest extends ErasureContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, null, null).dataDir());
  }
}
