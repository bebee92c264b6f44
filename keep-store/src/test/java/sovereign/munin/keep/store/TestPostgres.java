package sovereign.munin.keep.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.DriverManager;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, named by {@code KEEP_TEST_POSTGRES_URL}; each call makes a fresh database.
 *
 * <p>Without a server the test is skipped on a developer's machine, but fails when {@code CI=true}: CI must run it.
 */
public final class TestPostgres {

  public static final String ENV = "KEEP_TEST_POSTGRES_URL";

  private TestPostgres() {}

  /** A URL to a new, empty database on the test server. */
  public static DatabaseUrl freshDatabase() {
    String base = System.getenv(ENV);
    if (base == null || base.isBlank()) {
      String why = ENV + " is not set, so the PostgreSQL tests cannot run";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + " (CI=true: a skipped PostgreSQL test is a failure; .ci/run starts a server)");
      }
      Assumptions.abort(why + " (skipped outside CI)");
    }
    DatabaseUrl admin = DatabaseUrl.parse(base);
    String name = "keep_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Properties props = new Properties();
    if (admin.user() != null) {
      props.setProperty("user", admin.user());
    }
    if (admin.password() != null) {
      props.setProperty("password", admin.password());
    }
    try (var c = DriverManager.getConnection(admin.jdbcUrl(), props); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new AssertionError("cannot create a test database on " + admin + ": " + e.getMessage(), e);
    }
    String url = base.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
    return DatabaseUrl.parse(url);
  }
}
