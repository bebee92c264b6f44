package sovereign.munin.keep.server;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.javalin.http.Context;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders console pages from logic-less Mustache templates on the classpath. Every {@code {{value}}} is
 * HTML-escaped; the only unescaped output is markup this code generates itself (the QR code's SVG).
 */
final class ConsoleView {

  /** Scripts and styles come only from this server's files; nothing inline, nothing elsewhere. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final String TEMPLATES = "/console/templates/";
  private static final Mustache.Compiler COMPILER = Mustache.compiler()
      .escapeHTML(true)
      .nullValue("")
      .emptyStringIsFalse(true)
      .zeroIsFalse(true)
      .withLoader(ConsoleView::reader);
  private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

  private ConsoleView() {}

  /** Writes {@code template} inside the page layout with status 200. */
  static void render(Context ctx, String template, Map<String, Object> model) {
    render(ctx, 200, template, model);
  }

  static void render(Context ctx, int status, String template, Map<String, Object> model) {
    Map<String, Object> m = new LinkedHashMap<>(model);
    m.putIfAbsent("title", "Munin Keep");
    m.put("body", template(template).execute(m));
    ctx.status(status);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(template("layout").execute(m));
  }

  private static Template template(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try (Reader r = reader(n)) {
        return COMPILER.compile(r);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("console template " + n + " unreadable", e);
      }
    });
  }

  private static Reader reader(String name) {
    if (!name.matches("[a-z-]+")) {
      throw new IllegalArgumentException("bad template name " + name);
    }
    InputStream in = ConsoleView.class.getResourceAsStream(TEMPLATES + name + ".mustache");
    if (in == null) {
      throw new IllegalStateException("no console template " + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
