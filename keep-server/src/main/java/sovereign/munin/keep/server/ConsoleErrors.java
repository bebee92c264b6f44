package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;

/**
 * Failures on console pages: no session sends the browser to the sign-in page, a pending password change or
 * a missing step-up to the page that resolves it, and everything else becomes a readable HTML error page that
 * names the same stable problem type the API would.
 */
final class ConsoleErrors {

  private ConsoleErrors() {}

  static void write(Context ctx, KeepException e) {
    switch (e.type()) {
      case "unauthenticated" -> {
        boolean hadSession = ctx.cookie(Authenticator.COOKIE) != null;
        if (hadSession) {
          ctx.header("Set-Cookie", ConsoleLogin.expiredCookie());
        }
        String back = ctx.method().name().equals("GET") ? ctx.path() : ConsolePage.pageOf(ctx.path());
        String next = "next=" + URLEncoder.encode(ConsolePage.safeNext(back), StandardCharsets.UTF_8);
        ConsolePage.redirect(ctx, "/console/auth/login?" + next + (hadSession ? "&m=expired" : ""));
      }
      case "password-change-required" -> ConsolePage.redirect(ctx, "/console/auth/password", "password-required");
      case "step-up-required" -> ConsolePage.redirect(ctx, "/console/auth/step-up?next="
          + URLEncoder.encode(ConsolePage.pageOf(ctx.path()), StandardCharsets.UTF_8));
      default -> page(ctx, e.kind().httpStatus(), e.type(), e.getMessage());
    }
  }

  /** An error page with {@code status}; {@code type} is the problem slug, shown so that users can report it. */
  static void page(Context ctx, int status, String type, String detail) {
    Map<String, Object> m = ConsolePage.model(ctx, null, title(status));
    m.put("problem", type);
    m.put("detail", detail);
    m.put("csrfHint", type.startsWith("csrf"));
    // After a refused form the page it came from; after a refused page the start page.
    m.put("back", ctx.method().name().equals("GET") ? "/console" : ConsolePage.pageOf(ctx.path()));
    ConsoleView.render(ctx, status, "error", m);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "That did not work";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 503 -> "Unavailable";
      default -> "Something went wrong";
    };
  }
}
