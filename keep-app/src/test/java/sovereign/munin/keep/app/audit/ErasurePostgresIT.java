package sovereign.munin.keep.app.audit;

import java.nio.file.Path;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.store.TestPostgres;

class ErasurePostgresIT extends ErasureContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, TestPostgres.freshDatabase().display(),
        TestPostgres.freshDatabase().display()).dataDir());
  }
}
