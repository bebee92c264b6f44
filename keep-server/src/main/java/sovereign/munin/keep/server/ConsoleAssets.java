package sovereign.munin.keep.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import sovereign.munin.keep.app.KeepException;

/** The console's static files: a fixed list read from the classpath (WebJars and our own), never a directory. */
final class ConsoleAssets {

  private record Asset(String resource, String contentType) {}

  private static final Map<String, Asset> ASSETS = Map.of(
      "pico.css", new Asset("/META-INF/resources/webjars/picocss__pico/" + webjarVersion("picocss__pico")
          + "/css/pico.classless.min.css", "text/css; charset=utf-8"),
      "console.css", new Asset("/console/assets/console.css", "text/css; charset=utf-8"),
      "passkeys.js", new Asset("/console/assets/passkeys.js", "text/javascript; charset=utf-8"));

  private ConsoleAssets() {}

  static void register(RouteTable t) {
    t.get("/console/assets/{file}").open().does("Console: stylesheets and scripts", (ctx, caller) -> {
      Asset a = ASSETS.get(ctx.pathParam("file"));
      if (a == null) {
        throw new KeepException(KeepException.Kind.NOT_FOUND, "not-found", "no such console file");
      }
      try (InputStream in = ConsoleAssets.class.getResourceAsStream(a.resource())) {
        if (in == null) {
          throw new IllegalStateException("console asset missing from the classpath: " + a.resource());
        }
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType(a.contentType());
        ctx.result(in.readAllBytes());
      }
    });
  }

  /** The version of a bundled npm WebJar, from its Maven metadata, so the path follows the pom. */
  private static String webjarVersion(String artifact) {
    String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("WebJar " + artifact + " is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
