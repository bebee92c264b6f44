package sovereign.munin.keep.server;

import java.nio.file.Path;
import sovereign.munin.keep.store.TestPostgres;

/** RouteMatrixTest on PostgreSQL. */
class RouteMatrixPostgresIT extends RouteMatrixTest {

  @Override
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, TestPostgres.freshDatabase().display(), TestPostgres.freshDatabase().display(),
        true);
  }
}
