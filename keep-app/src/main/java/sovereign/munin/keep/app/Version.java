package sovereign.munin.keep.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, filled in by Maven. */
public final class Version {

  public static final String VALUE = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
