package sovereign.munin.keep.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * The state database's change counter: triggers move it on, in the changing transaction, whenever a token, user,
 * project membership, access grant or key state changes. Memory caches of those are good while it stands still.
 * Read in plain JDBC: it is read on every authenticated request.
 */
public final class StateGenerations {

  private StateGenerations() {}

  /** The counter as the handle sees it. */
  public static long current(Handle h) {
    return current(h.getConnection());
  }

  /** The counter as committed now, read on a connection of the state database's pool. */
  public static long current(Database state) {
    return state.readJdbc(StateGenerations::current);
  }

  private static long current(java.sql.Connection c) {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM state_generation WHERE id = 1");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException.Unavailable("the state generation row is missing", null);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException.Unavailable("reading the state generation failed: " + e.getMessage(), e);
    }
  }
}
