package sovereign.munin.keep.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import sovereign.munin.keep.store.internal.DaoMetadata;
import sovereign.munin.keep.store.internal.GroupCommitWriter;
import sovereign.munin.keep.store.internal.StoreErrors;

/**
 * One migrated database (the state store or the key store) behind its own connection pool.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} so that a committed write survives a crash, and every
 * transaction begins IMMEDIATE so two writers never deadlock on a lock upgrade.
 */
public final class Database implements AutoCloseable {

  /** Which schema a database holds: state and key material are kept in separate databases. */
  public enum Schema {
    STATE("state"), KEYS("keys");

    private final String folder;

    Schema(String folder) { this.folder = folder; }
  }

  private final DatabaseUrl url;
  private final Schema schema;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final GroupCommitWriter writer;

  private Database(DatabaseUrl url, Schema schema, HikariDataSource pool) {
    this.url = url;
    this.schema = schema;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
    this.jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setQueryTimeout(30);
    DaoMetadata.warm(jdbi);
    this.writer = url.kind() == DatabaseUrl.Kind.SQLITE ? new GroupCommitWriter(jdbi, schema.folder) : null;
  }

  /** Opens the database and applies pending migrations; errors say what is wrong with the location. */
  public static Database open(DatabaseUrl url, Schema schema) {
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      checkSqliteLocation(url);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(url, schema));
    } catch (RuntimeException e) {
      throw StoreErrors.onOpen(url, e);
    }
    try {
      migrate(pool, url, schema);
      return new Database(url, schema, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw StoreErrors.onOpen(url, e);
    }
  }

  private static void checkSqliteLocation(DatabaseUrl url) {
    Path file = Path.of(url.jdbcUrl().substring("jdbc:sqlite:".length()));
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StoreException.Misconfigured("the folder for " + file + " does not exist", null);
    }
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new StoreException.Misconfigured(
          "cannot write " + file + ": the data directory is read-only for this user", null);
    }
    ownerOnly(file);
  }

  /**
   * The database file is its owner's alone (0600): created empty with that mode before SQLite opens it, or
   * narrowed if an older version left it wider. SQLite gives its WAL and shared-memory files the main file's mode.
   */
  private static void ownerOnly(Path file) {
    var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(mode));
      } catch (UnsupportedOperationException | java.io.IOException e) {
        return; // no POSIX modes here, or a race with another opener: SQLite's own error, if any, says more
      }
    }
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      FileModes.narrow(file.resolveSibling(file.getFileName() + suffix), mode);
    }
  }

  private static HikariConfig poolConfig(DatabaseUrl url, Schema schema) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("keep-" + schema.folder);
    config.setJdbcUrl(url.jdbcUrl());
    config.setConnectionTimeout(10_000);
    config.setValidationTimeout(5_000);
    Properties props = new Properties();
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      props.setProperty("journal_mode", "WAL");
      props.setProperty("synchronous", "FULL");
      props.setProperty("busy_timeout", "10000");
      props.setProperty("foreign_keys", "true");
      // Deleted content is overwritten with zeros, so an erasure leaves nothing to recover from free pages.
      props.setProperty("secure_delete", "true");
      props.setProperty("transaction_mode", "IMMEDIATE");
      // 64 MiB of page cache per connection: at millions of audit events the indexes no longer fit the 2 MiB default.
      props.setProperty("cache_size", "-65536");
      // The group-commit writer gives each transaction a savepoint; SQLite keeps the pages a savepoint may restore
      // in a statement journal, by default a temp file rewritten on every group. In memory it costs a page copy.
      props.setProperty("temp_store", "MEMORY");
      // sqlite-jdbc otherwise compiles and runs "SELECT last_insert_rowid()" after every INSERT, in case the caller
      // asks for generated keys; nothing here does, and on the writer's hot path that query cost as much as a row.
      props.setProperty("jdbc.get_generated_keys", "false");
      // Copy the WAL back into the database every 10,000 pages (about 40 MiB) instead of every 1,000: a page changed
      // by many commits in between (the right edge of each index, counters) is copied once, not once per 1,000.
      config.setConnectionInitSql("PRAGMA wal_autocheckpoint=10000");
      config.setMaximumPoolSize(4);
    } else {
      if (url.user() != null) {
        props.setProperty("user", url.user());
      }
      if (url.password() != null) {
        props.setProperty("password", url.password());
      }
      props.setProperty("connectTimeout", "10");
      props.setProperty("socketTimeout", "60");
      props.setProperty("ApplicationName", "munin-keep");
      // Batched inserts become multi-row INSERTs: one statement for a sequencer round's thousands of hashes.
      props.setProperty("reWriteBatchedInserts", "true");
      config.setMaximumPoolSize(8);
    }
    config.setDataSourceProperties(props);
    return config;
  }

  private static void migrate(DataSource ds, DatabaseUrl url, Schema schema) {
    String engine = url.kind() == DatabaseUrl.Kind.SQLITE ? "sqlite" : "postgresql";
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/" + schema.folder + "/" + engine)
        .table("keep_schema_history")
        .loggers("slf4j")
        .load()
        .migrate();
  }

  /** The JDBI handle factory for DAOs and transactions. */
  public Jdbi jdbi() {
    return jdbi;
  }

  public DatabaseUrl url() {
    return url;
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Runs the callback in one transaction and translates driver errors into {@link StoreException}s; the
   * transaction rolls back on any exception, so a failure leaves state as it was. It returns only once the change
   * is durable. On SQLite, transactions from all threads are group-committed by one writer thread, so the callback
   * must not start another transaction on the same database.
   */
  public <R> R transaction(org.jdbi.v3.core.HandleCallback<R, RuntimeException> work) {
    try {
      return writer != null ? writer.write(work) : jdbi.inTransaction(work);
    } catch (RuntimeException e) {
      throw StoreErrors.onUse(e);
    } finally {
      StateGenerations.forget(this);
    }
  }

  /**
   * Runs {@code work}, which may write soon, as one of the callers the SQLite writer gathers into a group under load
   * (see {@code CommitGathering}); on PostgreSQL it simply runs.
   */
  public <R, X extends Throwable> R announcingWrite(ScopedValue.CallableOp<R, X> work) throws X {
    return writer != null ? writer.announced(work) : work.call();
  }

  /** Runs a read outside an explicit transaction, translating driver errors. */
  public <R> R read(org.jdbi.v3.core.HandleCallback<R, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (RuntimeException e) {
      throw StoreErrors.onUse(e);
    }
  }

  /** A read on a pooled JDBC connection, without a JDBI handle. */
  @FunctionalInterface
  public interface JdbcRead<R> {
    R read(java.sql.Connection c) throws java.sql.SQLException;
  }

  /**
   * Runs a read in plain JDBC on a pooled connection, for reads made on every request where opening a JDBI handle
   * (a copy of its whole configuration) costs more than the query.
   */
  public <R> R readJdbc(JdbcRead<R> work) {
    try (java.sql.Connection c = pool.getConnection()) {
      return work.read(c);
    } catch (java.sql.SQLException e) {
      throw new StoreException.Unavailable("a read failed: " + e.getMessage(), e);
    }
  }

  /** True when a trivial query answers within a few seconds. */
  /**
   * After an erasure: on SQLite, copies the write-ahead log into the database and truncates it (secure_delete has
   * zeroed what was deleted there), retrying while readers hold old pages; true when the log is empty. On
   * PostgreSQL, VACUUMs {@code tables} so the deleted rows' space is reclaimed (PostgreSQL does not zero it).
   */
  public boolean scrub(java.util.List<String> tables) {
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      for (int attempt = 0; attempt < 50; attempt++) {
        boolean done = jdbi.withHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").map((rs, ctx) ->
            rs.getInt(1) == 0 && rs.getInt(2) == rs.getInt(3)).one());
        if (done) {
          return true;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }
    jdbi.useHandle(h -> tables.forEach(t -> {
      if (!t.matches("[a-z_]{1,63}")) {
        throw new IllegalArgumentException("not a table name: " + t);
      }
      h.execute("VACUUM " + t);
    }));
    return true;
  }

  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
    pool.close();
  }
}
