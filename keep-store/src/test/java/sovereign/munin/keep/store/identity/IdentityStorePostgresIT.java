package sovereign.munin.keep.store.identity;

import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.TestPostgres;

/** The identity DAO suite on a real PostgreSQL server. */
class IdentityStorePostgresIT extends IdentityStoreContract {

  private DatabaseUrl url;

  @Override
  protected DatabaseUrl url() {
    if (url == null) {
      url = TestPostgres.freshDatabase();
    }
    return url;
  }
}
