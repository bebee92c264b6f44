package sovereign.munin.keep.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements for the statements run on every request. SQLite compiles a statement on every
 * {@code prepareStatement}, which for an insert into an indexed table costs more than running it; on SQLite a
 * statement is therefore compiled once per physical connection and reused. PostgreSQL's driver keeps its own
 * server-side statements, so there each use prepares and closes as usual.
 *
 * <p>A pooled connection is used by one thread at a time, and so are its statements. The pool keeps SQLite
 * connections for the life of the database (see {@code Database}); a connection found closed is forgotten.
 */
public final class SqlStatements {

  /**
   * Statements by physical connection (SQLite connections compare by identity); a connection's own map is only
   * touched by the thread holding that connection.
   */
  private static final Map<Connection, Map<String, PreparedStatement>> CACHED = new ConcurrentHashMap<>();
  private static final int PRUNE_ABOVE = 64;

  private SqlStatements() {}

  /** A statement ready for parameters; closing it closes it, or on SQLite readies it for the next use. */
  public static final class Use implements AutoCloseable {
    private final PreparedStatement statement;
    private final boolean kept;

    private Use(PreparedStatement statement, boolean kept) {
      this.statement = statement;
      this.kept = kept;
    }

    public PreparedStatement statement() {
      return statement;
    }

    @Override
    public void close() throws SQLException {
      if (kept) {
        statement.clearParameters();
        statement.clearBatch();
      } else {
        statement.close();
      }
    }
  }

  /** {@code sql} prepared on {@code c}: compiled once per SQLite connection, freshly elsewhere. */
  public static Use prepare(Connection c, String sql) throws SQLException {
    if (!c.isWrapperFor(SQLiteConnection.class)) {
      return new Use(c.prepareStatement(sql), false);
    }
    Connection physical = c.unwrap(SQLiteConnection.class);
    Map<String, PreparedStatement> mine = statementsOf(physical);
    PreparedStatement ps = mine.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = physical.prepareStatement(sql);
      mine.put(sql, ps);
    }
    return new Use(ps, true);
  }

  private static Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
    Map<String, PreparedStatement> mine = CACHED.get(physical);
    if (mine == null) {
      if (CACHED.size() >= PRUNE_ABOVE) {
        pruneClosed();
      }
      mine = new HashMap<>();
      CACHED.put(physical, mine);
    }
    return mine;
  }

  private static void pruneClosed() throws SQLException {
    for (Connection c : CACHED.keySet()) {
      if (c.isClosed()) {
        CACHED.remove(c);
      }
    }
  }

  /** How many physical connections hold statements here; for tests. */
  static int connectionsHeld() {
    return CACHED.size();
  }
}
