package sovereign.munin.keep.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a database lives: a SQLite file or a PostgreSQL server, parsed from the forms users type.
 *
 * <p>Accepted: {@code sqlite:PATH}, {@code postgresql://user[:password]@host[:port]/db} (also {@code postgres://})
 * and {@code jdbc:postgresql://...}. The password never appears in {@link #toString()}.
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, String user, String password, String display) {

  /** The database engines Munin Keep stores state in. */
  public enum Kind { SQLITE, POSTGRESQL }

  public DatabaseUrl {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(display, "display");
  }

  /** A SQLite database in the given file. */
  public static DatabaseUrl sqlite(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + abs, null, null, "sqlite:" + abs);
  }

  /** Parses a URL as typed on the command line or in keep.toml; the message says which forms are accepted. */
  public static DatabaseUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad("the database URL is empty", null);
    }
    String t = text.strip();
    if (t.length() > 2048) {
      throw bad("the database URL is longer than 2048 characters", null);
    }
    if (t.startsWith("sqlite:")) {
      String path = t.substring("sqlite:".length());
      if (path.isBlank()) {
        throw bad("sqlite: needs a file path, e.g. sqlite:/var/lib/keep/keep.db", null);
      }
      return sqlite(Path.of(path));
    }
    if (t.startsWith("jdbc:postgresql://")) {
      t = t.substring("jdbc:".length());
    }
    if (t.startsWith("postgres://")) {
      t = "postgresql://" + t.substring("postgres://".length());
    }
    if (!t.startsWith("postgresql://")) {
      throw bad("unsupported database URL '" + redact(t)
          + "': use sqlite:PATH or postgresql://user[:password]@host[:port]/database", null);
    }
    try {
      URI uri = new URI(t);
      String host = uri.getHost();
      String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (host == null || host.isBlank()) {
        throw bad("the PostgreSQL URL has no host: " + redact(t), null);
      }
      if (db.isBlank()) {
        throw bad("the PostgreSQL URL names no database (…/DATABASE at the end): " + redact(t), null);
      }
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : null;
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String jdbc = "jdbc:postgresql://" + hostForUrl(host) + ":" + port + "/" + db + query;
      String shown = "postgresql://" + (user == null ? "" : user + "@") + hostForUrl(host) + ":" + port + "/" + db;
      return new DatabaseUrl(Kind.POSTGRESQL, jdbc, user, password, shown);
    } catch (URISyntaxException e) {
      throw bad("the PostgreSQL URL is not a valid URL: " + e.getReason(), null);
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
  }

  private static StoreException bad(String message, Throwable cause) {
    return new StoreException.Misconfigured(message, cause);
  }

  @Override
  public String toString() {
    return display;
  }
}
