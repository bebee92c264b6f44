package sovereign.munin.keep.store;


import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, named by {@code KEEP_TEST_POSTGRES_URL}; each call makes a fresh database.
 *
 * <p>Without a server the test is skipped on a developer's machine, but fails when {@code CI=true} (keep-testkit's
 * CiMustRun): CI must run it.
 *
 * <p>The databases made in a test JVM are dropped when it exits. Each is a copy of {@code template1} (about 8 MiB),
 * and a full test run makes hundreds; left behind, they fill the disk of a long-lived development server.
 */
public final class TestPostgres {

  public static final String ENV = "KEEP_TEST_POSTGRES_URL";

  private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(MADE), "test-postgres-cleanup"));
  }

  private TestPostgres() {}

  /** A URL to a new, empty database on the test server. */
  public static DatabaseUrl freshDatabase() {
    String base = System.getenv(ENV);
    if (base == null || base.isBlank()) {
      String why = ENV + " is not set, so the PostgreSQL tests cannot run";
      Assumptions.abort(why);
    }
    DatabaseUrl admin = DatabaseUrl.parse(base);
    String name = "keep_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (var c = connectAdmin(admin); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      MADE.add(name);
    } catch (SQLException e) {
      throw new AssertionError("cannot create a test database on " + admin + ": " + e.getMessage(), e);
    }
    String url = base.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
    return DatabaseUrl.parse(url);
  }

  /** Whether this JVM made the named database and has not dropped it yet. */
  static boolean outstanding(String name) {
    return MADE.contains(name);
  }

  /** Drops the named databases this JVM made; pools still open on them are cut off ({@code WITH (FORCE)}). */
  static void drop(Set<String> names) {
    String base = System.getenv(ENV);
    Set<String> ours = Set.copyOf(names.stream().filter(MADE::contains).toList());
    if (ours.isEmpty() || base == null || base.isBlank()) {
      return;
    }
    DatabaseUrl admin = DatabaseUrl.parse(base);
    try (var c = connectAdmin(admin); var st = c.createStatement()) {
      st.setQueryTimeout(30);
      for (String name : ours) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        MADE.remove(name);
      }
    } catch (SQLException e) {
      System.err.println("test databases left on " + admin + ": " + e.getMessage());
    }
  }

  private static Connection connectAdmin(DatabaseUrl admin) throws SQLException {
    Properties props = new Properties();
    if (admin.user() != null) {
      props.setProperty("user", admin.user());
    }
    if (admin.password() != null) {
      props.setProperty("password", admin.password());
    }
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(admin.jdbcUrl(), props);
  }
}
