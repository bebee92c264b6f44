package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The DAO suite on a real PostgreSQL server, plus PostgreSQL connection errors. */
class PostgresStoreIT extends StoreContract {

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

  @Test
  void open_nothingListening_isUnavailable() {
    stateUrl(); // skips or fails here first when no test server is configured
    assertThatThrownBy(() -> Database.open(DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/keep"),
        Database.Schema.STATE)).isInstanceOf(StoreException.Unavailable.class)
        .hasMessageContaining("cannot connect to PostgreSQL");
  }

  @Test
  void open_unknownDatabase_isMisconfigured() {
    String url = stateUrl().display().replaceFirst("/[^/]+$", "/no_such_database_here");
    assertThatThrownBy(() -> Database.open(DatabaseUrl.parse(url), Database.Schema.STATE))
        .isInstanceOf(StoreException.Misconfigured.class).hasMessageContaining("no such database");
  }
}
