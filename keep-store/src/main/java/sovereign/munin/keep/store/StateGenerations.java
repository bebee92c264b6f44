package sovereign.munin.keep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.store.internal.SqlStatements;

/**
 * The state database's change counter: triggers move it on, in the changing transaction, whenever a token, user,
 * project membership, access grant or key state changes. Memory caches of those are good while it stands still.
 * Read in plain JDBC: it is read on every authenticated request (once per request, see {@link #sharedWithin}).
 */
public final class StateGenerations {

  /**
   * One reading per database for the work running inside {@link #sharedWithin}: a request then reads the counter
   * once, not once per cache it consults. A write through {@link Database#transaction} drops the reading, so the
   * request sees its own changes; a change committed elsewhere is seen from the next request on.
   */
  private static final ScopedValue<Readings> READINGS = ScopedValue.newInstance();

  /** The counters read so far by one piece of work; used by one thread at a time. */
  private static final class Readings {
    private final java.util.Map<Database, Long> values = new java.util.IdentityHashMap<>(2);
  }

  private StateGenerations() {}

  /** Runs {@code work} so that everything it does shares one reading of each database's counter. */
  public static <R, X extends Throwable> R sharedWithin(ScopedValue.CallableOp<R, X> work) throws X {
    return ScopedValue.where(READINGS, new Readings()).call(work);
  }

  /** Drops the shared reading of {@code state}'s counter after a write to it, if work is sharing one. */
  static void forget(Database state) {
    if (READINGS.isBound()) {
      READINGS.get().values.remove(state);
    }
  }

  /** The counter as the handle sees it. */
  public static long current(Handle h) {
    return current(h.getConnection());
  }

  /** The counter as committed now, read on a connection of the state database's pool. */
  public static long current(Database state) {
    if (!READINGS.isBound()) {
      return state.readJdbc(StateGenerations::current);
    }
    var values = READINGS.get().values;
    Long shared = values.get(state);
    if (shared == null) {
      shared = state.readJdbc(StateGenerations::current);
      values.put(state, shared);
    }
    return shared;
  }

  private static long current(java.sql.Connection c) {
    try (SqlStatements.Use u = SqlStatements.prepare(c, "SELECT value FROM state_generation WHERE id = 1");
         ResultSet rs = u.statement().executeQuery()) {
      if (!rs.next()) {
        throw new StoreException.Unavailable("the state generation row is missing", null);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException.Unavailable("reading the state generation failed: " + e.getMessage(), e);
    }
  }
}
