package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test server's databases go away again: a full run makes hundreds, and they must not pile up. */
class TestPostgresIT {

  @Test
  void drop_removesTheDatabase_evenWithAPoolStillOpenOnIt() throws Exception {
    DatabaseUrl url = TestPostgres.freshDatabase();
    String name = url.jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    assertThat(TestPostgres.outstanding(name)).isTrue();

    try (Database _ = Database.open(url, Database.Schema.STATE)) {
      assertThat(exists(name)).isTrue();
      TestPostgres.drop(Set.of(name));
    }

    assertThat(exists(name)).isFalse();
    assertThat(TestPostgres.outstanding(name)).isFalse();
  }

  @Test
  void drop_leavesDatabasesItDidNotMake() throws Exception {
    DatabaseUrl mine = TestPostgres.freshDatabase();
    String name = mine.jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");

    TestPostgres.drop(Set.of("postgres", "template1"));

    assertThat(exists("postgres")).isTrue();
    assertThat(exists(name)).isTrue();
    assertThat(TestPostgres.outstanding(name)).isTrue();
  }

  private static boolean exists(String name) throws Exception {
    DatabaseUrl admin = DatabaseUrl.parse(System.getenv(TestPostgres.ENV));
    Properties props = new Properties();
    if (admin.user() != null) {
      props.setProperty("user", admin.user());
    }
    if (admin.password() != null) {
      props.setProperty("password", admin.password());
    }
    try (var c = DriverManager.getConnection(admin.jdbcUrl(), props);
        var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
