package sovereign.munin.keep.server;

import java.nio.file.Path;
import sovereign.munin.keep.store.TestPostgres;

/** KeyHolesTest on PostgreSQL. */
class KeyHolesPostgresIT extends KeyHolesTest {

  @Override
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, TestPostgres.freshDatabase().display(), TestPostgres.freshDatabase().display());
  }
}
