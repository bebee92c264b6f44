package sovereign.munin.keep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import sovereign.munin.keep.app.InitRequest;
import sovereign.munin.keep.app.Initializer;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.store.DatabaseUrl;

/** Fresh dev instances for benchmarks, on SQLite in a temp folder or on new PostgreSQL databases. */
final class BenchInstances {

  private BenchInstances() {}

  static KeepInstance open(String postgresAdminUrl) throws Exception {
    Path base = Files.createTempDirectory("keep-bench-");
    // A run leaves hundreds of MiB of database behind; it goes when the benchmark's JVM exits.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
    DataDirectory dir = new DataDirectory(base.resolve("data"));
    String state = postgresAdminUrl == null ? null : createDatabase(postgresAdminUrl);
    String keys = postgresAdminUrl == null ? null : createDatabase(postgresAdminUrl);
    if (postgresAdminUrl != null) {
      // So do its PostgreSQL databases (a key-sign run leaves over 600 MiB).
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabases(postgresAdminUrl, state, keys)));
    }
    new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(dir, InitRequest.SealKind.DEV, 1, 1,
        null, ListenAddress.DEFAULT, state, keys));
    return KeepInstance.open(dir, Map.of(), Clock.systemUTC(), new SecureRandom());
  }

  private static void deleteTree(Path base) {
    try (var paths = Files.walk(base)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("bench: could not remove " + base + ": " + e.getMessage());
    }
  }

  private static String createDatabase(String adminUrl) throws Exception {
    String name = "keep_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = connectAdmin(adminUrl); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return adminUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
  }

  private static void dropDatabases(String adminUrl, String... urls) {
    try (var c = connectAdmin(adminUrl); var st = c.createStatement()) {
      st.setQueryTimeout(60);
      for (String url : urls) {
        st.execute("DROP DATABASE IF EXISTS " + url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1") + " WITH (FORCE)");
      }
    } catch (java.sql.SQLException e) {
      System.err.println("bench: could not drop its databases: " + e.getMessage());
    }
  }

  private static java.sql.Connection connectAdmin(String adminUrl) throws java.sql.SQLException {
    DatabaseUrl admin = DatabaseUrl.parse(adminUrl);
    var props = new java.util.Properties();
    if (admin.user() != null) {
      props.setProperty("user", admin.user());
    }
    if (admin.password() != null) {
      props.setProperty("password", admin.password());
    }
    return DriverManager.getConnection(admin.jdbcUrl(), props);
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
