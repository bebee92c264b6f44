package sovereign.munin.keep.server;

import java.nio.file.Path;
import sovereign.munin.keep.store.TestPostgres;

/** AuthApiTest on PostgreSQL. */
class AuthApiPostgresIT extends AuthApiTest {

  @Override
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, TestPostgres.freshDatabase().display(), TestPostgres.freshDatabase().display());
  }
}
