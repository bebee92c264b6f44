package sovereign.munin.keep.store.internal;

import java.net.ConnectException;
import java.sql.SQLException;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.StoreException;

/** Translates driver errors into {@link StoreException}s with messages a user can act on. */
public final class StoreErrors {

  private StoreErrors() {}

  /** Explains why a database could not be opened or migrated. */
  public static StoreException onOpen(DatabaseUrl url, Throwable error) {
    if (error instanceof StoreException se) {
      return se;
    }
    String all = describeChain(error);
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      if (all.contains("SQLITE_NOTADB") || all.contains("file is not a database")
          || all.contains("SQLITE_CORRUPT")) {
        return new StoreException.Corrupt(url + " is not a readable SQLite database (corrupt or not a database)."
            + " Restore it from a backup; Munin Keep will not overwrite it.", error);
      }
      if (all.contains("SQLITE_READONLY") || all.contains("readonly") || all.contains("SQLITE_CANTOPEN")) {
        return new StoreException.Misconfigured("cannot open " + url + " for writing: " + rootMessage(all), error);
      }
      return new StoreException.Unavailable("cannot open " + url + ": " + rootMessage(all), error);
    }
    String state = sqlState(error);
    if (hasCause(error, ConnectException.class) || "08001".equals(state) || "08004".equals(state)) {
      return new StoreException.Unavailable("cannot connect to PostgreSQL at " + url
          + ": is the server running and listening there?", error);
    }
    if ("28P01".equals(state) || "28000".equals(state)) {
      return new StoreException.Misconfigured("PostgreSQL refused the credentials for " + url, error);
    }
    if ("3D000".equals(state)) {
      return new StoreException.Misconfigured("PostgreSQL has no such database: " + url, error);
    }
    return new StoreException.Unavailable("cannot use PostgreSQL at " + url + ": " + rootMessage(all), error);
  }

  /** Translates an error raised while using an open database. */
  public static RuntimeException onUse(RuntimeException error) {
    if (error instanceof StoreException) {
      return error;
    }
    String state = sqlState(error);
    String all = describeChain(error);
    if ((state != null && state.startsWith("23")) || all.contains("SQLITE_CONSTRAINT")) {
      return new StoreException.Conflict("the change conflicts with existing data: " + rootMessage(all), error);
    }
    if (all.contains("SQLITE_CORRUPT") || all.contains("SQLITE_NOTADB")) {
      return new StoreException.Corrupt("the database is corrupt: " + rootMessage(all), error);
    }
    return error;
  }

  private static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String describeChain(Throwable error) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t.getMessage() != null) {
        sb.append(t.getMessage()).append('\n');
      }
    }
    return sb.toString();
  }

  private static String rootMessage(String text) {
    String line = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("unknown error");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
