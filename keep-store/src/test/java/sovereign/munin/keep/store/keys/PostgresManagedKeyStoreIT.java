package sovereign.munin.keep.store.keys;

import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.TestPostgres;

/** The managed-key DAO suite on a real PostgreSQL server. */
class PostgresManagedKeyStoreIT extends ManagedKeyStoreContract {

  private DatabaseUrl stateUrl;
  private DatabaseUrl keysUrl;

  @Override
  protected DatabaseUrl stateUrl() {
    if (stateUrl == null) {
      stateUrl = TestPostgres.freshDatabase();
    }
    return stateUrl;
  }

  @Override
  protected DatabaseUrl keysUrl() {
    if (keysUrl == null) {
      keysUrl = TestPostgres.freshDatabase();
    }
    return keysUrl;
  }
}
