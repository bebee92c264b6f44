package sovereign.munin.keep.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements compiled once per SQLite connection, reused with fresh parameters. */
class SqlStatementsTest {

  @TempDir
  Path dir;

  private Connection open(String name) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
    }
    return c;
  }

  private static String value(Connection c, int k) throws Exception {
    try (SqlStatements.Use u = SqlStatements.prepare(c, "SELECT v FROM t WHERE k = ?")) {
      u.statement().setInt(1, k);
      try (ResultSet rs = u.statement().executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Test
  void sameSqlOnOneConnection_reusesTheCompiledStatementWithFreshParameters() throws Exception {
    try (Connection c = open("a.db")) {
      PreparedStatement first;
      try (SqlStatements.Use u = SqlStatements.prepare(c, "INSERT INTO t (k, v) VALUES (?, ?)")) {
        first = u.statement();
        first.setInt(1, 1);
        first.setString(2, "one");
        first.executeUpdate();
      }
      try (SqlStatements.Use u = SqlStatements.prepare(c, "INSERT INTO t (k, v) VALUES (?, ?)")) {
        assertThat(u.statement()).isSameAs(first);
        assertThat(u.statement().isClosed()).isFalse();
        u.statement().setInt(1, 2);
        u.statement().setString(2, "two");
        u.statement().executeUpdate();
      }
      assertThat(value(c, 1)).isEqualTo("one");
      assertThat(value(c, 2)).isEqualTo("two");
      assertThat(value(c, 3)).isNull();
    }
  }

  @Test
  void otherConnections_getTheirOwnStatements_andAClosedConnectionIsForgotten() throws Exception {
    PreparedStatement onA;
    try (Connection a = open("b.db"); Connection b = open("b.db")) {
      try (SqlStatements.Use u = SqlStatements.prepare(a, "SELECT 1")) {
        onA = u.statement();
      }
      try (SqlStatements.Use u = SqlStatements.prepare(b, "SELECT 1")) {
        assertThat(u.statement()).isNotSameAs(onA);
      }
    }
    // Closed connections are pruned once enough of them have gathered.
    for (int i = 0; i < 70; i++) {
      try (Connection c = open("c" + i + ".db"); SqlStatements.Use u = SqlStatements.prepare(c, "SELECT 1")) {
        assertThat(u.statement().execute()).isTrue();
      }
    }
    assertThat(SqlStatements.connectionsHeld()).isLessThanOrEqualTo(64);
  }
}
