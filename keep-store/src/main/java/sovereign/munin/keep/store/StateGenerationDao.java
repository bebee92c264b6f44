package sovereign.munin.keep.store;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The state database's change counter: triggers move it on, in the changing transaction, whenever a token, user,
 * project membership, access grant or key state changes. Memory caches of those are good while it stands still.
 */
public interface StateGenerationDao {

  @SqlQuery("SELECT value FROM state_generation WHERE id = 1")
  long current();
}
