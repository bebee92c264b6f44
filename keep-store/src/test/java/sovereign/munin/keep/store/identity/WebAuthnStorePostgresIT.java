package sovereign.munin.keep.store.identity;

import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.TestPostgres;

/** The WebAuthn DAO suite on a real PostgreSQL server. */
class WebAuthnStorePostgresIT extends WebAuthnStoreContract {

  @Override
  protected DatabaseUrl url() {
    return TestPostgres.freshDatabase();
  }
}
