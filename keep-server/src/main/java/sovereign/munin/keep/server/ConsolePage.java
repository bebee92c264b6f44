package sovereign.munin.keep.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.Permission;

/** What every console page shares: the navigation for the caller, the CSRF field, notices and form input. */
final class ConsolePage {

  private static final Pattern NEXT = Pattern.compile("/console(/[a-z-]+)*");

  /** Notices a redirect may ask for by code; the text is fixed here, so a link cannot put words on the page. */
  private static final Map<String, String> NOTICES = Map.ofEntries(
      Map.entry("expired", "Your session ended (idle for too long, or signed out elsewhere). Sign in again."),
      Map.entry("signed-out", "You are signed out."),
      Map.entry("signed-out-everywhere", "Every session and API token of yours has ended."),
      Map.entry("password-changed", "Your password is changed."),
      Map.entry("password-required", "Choose a new password before you go on."),
      Map.entry("stepped-up", "MFA confirmed. Repeat the action you started; for 5 minutes no further code is needed."),
      Map.entry("requested", "Your access request is filed. It needs a project owner and the security team."),
      Map.entry("approved", "Your approval is recorded."),
      Map.entry("denied", "The request is denied."),
      Map.entry("recertified", "The grant is re-certified."),
      Map.entry("revoked", "The grant is revoked."),
      Map.entry("mfa-enrolled", "Your authenticator is set up; sign-ins now need its code."),
      Map.entry("passkey-added", "Your passkey or security key is added; sign-ins can use it after your password."),
      Map.entry("passkey-removed", "The passkey or security key is removed."));

  private ConsolePage() {}

  /** The model every signed-in page starts from. */
  static Map<String, Object> model(Context ctx, Authorised authorised, String title) {
    Caller caller = authorised == null ? null : authorised.who();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title + " · Munin Keep");
    m.put("heading", title);
    String notice = ctx.queryParam("m");
    m.put("notice", notice == null ? null : NOTICES.get(notice));
    if (caller != null) {
      m.put("signedIn", true);
      m.put("csrf", caller.session() == null ? "" : caller.session().csrfToken());
      Map<String, Object> nav = new LinkedHashMap<>();
      nav.put("request", Authenticator.allowed(caller, Permission.ACCESS_REQUEST, null));
      nav.put("approvals", Authenticator.allowed(caller, Permission.ACCESS_READ, null));
      nav.put("reviews", Authenticator.allowed(caller, Permission.ACCESS_REVIEW, null));
      nav.put("report", Authenticator.allowed(caller, Permission.ACCESS_READ, null));
      m.put("nav", nav);
    }
    return m;
  }

  static void redirect(Context ctx, String path) {
    ctx.redirect(path, HttpStatus.SEE_OTHER);
  }

  static void redirect(Context ctx, String path, String notice) {
    redirect(ctx, path + (path.contains("?") ? "&" : "?") + "m=" + notice);
  }

  /** A console path to go back to after a detour, or the start page when {@code next} is anything else. */
  static String safeNext(String next) {
    return next != null && next.length() <= 100 && NEXT.matcher(next).matches() ? next : "/console";
  }

  /** The page a POST to {@code path} belongs to, for coming back to it. */
  static String pageOf(String path) {
    if (path.startsWith("/console/auth/mfa/")) {
      return "/console/auth/mfa";
    }
    String[] parts = path.split("/");
    return parts.length > 2 && !parts[2].equals("auth") ? "/console/" + parts[2] : "/console";
  }

  /** A required form field, stripped and bounded. */
  static String field(Context ctx, String name, int maxLength) {
    String v = optionalField(ctx, name, maxLength);
    if (v == null) {
      throw KeepException.badInput("field-missing", "fill in '" + name + "'");
    }
    return v;
  }

  static String optionalField(Context ctx, String name, int maxLength) {
    String v = ctx.formParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > maxLength) {
      throw KeepException.badInput("field-too-long", "'" + name + "' is longer than " + maxLength + " characters");
    }
    return v.strip();
  }
}
