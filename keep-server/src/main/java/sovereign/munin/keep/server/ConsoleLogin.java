package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.SignIn;

/**
 * Sign-in, sign-out and password change pages. The sign-in form has no session yet, so it carries a
 * double-submit token (a cookie and the same value in a hidden field) against login CSRF.
 */
final class ConsoleLogin {

  static final String LOGIN_COOKIE = "keep_console_login";
  private static final int MAX_PASSWORD_CHARS = 1024;
  private static final SecureRandom RNG = new SecureRandom();

  private final Identity id;

  private ConsoleLogin(Identity id) {
    this.id = id;
  }

  static void register(RouteTable t, Identity id) {
    ConsoleLogin c = new ConsoleLogin(id);
    t.get("/console/auth/login").open().does("Console: sign-in page", (ctx, caller) -> c.form(ctx, null, ctx.queryParam("next")));
    t.post("/console/auth/login").open().does("Console: sign in with name, password and TOTP code; "
        + "without a code, a user with a security key gets the page that asks for it",
        (ctx, caller) -> c.login(ctx));
    t.post("/console/auth/logout").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: end this session", (ctx, caller) -> {
      if (caller.who().session() != null) {
        id.sessions().end(caller.who().session());
      }
      ctx.header("Set-Cookie", expiredCookie());
      ConsolePage.redirect(ctx, "/console/auth/login", "signed-out");
    });
    t.post("/console/auth/logout-everywhere").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: end every session and token of the caller", (ctx, caller) -> {
          id.sessions().endEverywhere(caller.auditId(), caller.userId());
          ctx.header("Set-Cookie", expiredCookie());
          ConsolePage.redirect(ctx, "/console/auth/login", "signed-out-everywhere");
        });
    t.get("/console/auth/password").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: password change page", (ctx, caller) -> {
      Map<String, Object> m = ConsolePage.model(ctx, caller, "Change password");
      m.put("mustChange", caller.mustChangePassword());
      ConsoleView.render(ctx, "password", m);
    });
    t.post("/console/auth/password").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: change one's own password", (ctx, caller) -> {
          id.users().changePassword(caller.userId(), password(ctx, "current"), password(ctx, "next"));
          ConsolePage.redirect(ctx, "/console", "password-changed");
        });
  }

  private void form(Context ctx, String error, String next) {
    String token = random();
    ctx.header("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/console/auth/login; Max-Age=3600; Secure; "
        + "HttpOnly; SameSite=Strict");
    Map<String, Object> m = ConsolePage.model(ctx, null, "Sign in");
    m.put("loginToken", token);
    m.put("next", ConsolePage.safeNext(next));
    m.put("error", error);
    ConsoleView.render(ctx, error == null ? 200 : 401, "login", m);
  }

  private void login(Context ctx) {
    String cookie = ctx.cookie(LOGIN_COOKIE);
    String sent = ctx.formParam(ConsoleRoutes.CSRF_FIELD);
    if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8))) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "csrf-token-missing", "the sign-in form was not sent "
          + "with its token; open the sign-in page again and retry");
    }
    SignIn.SignedIn in;
    try {
      SignIn.Outcome outcome = id.signIn().withPassword(ConsolePage.optionalField(ctx, "name", 64),
          password(ctx, "password"), ConsolePage.optionalField(ctx, "code", 64), ctx.cookie(Authenticator.COOKIE),
          false);
      switch (outcome) {
        case SignIn.SecurityKeyStep step -> {
          // The password was right: a user with a security key answers a challenge on the next page.
          ConsolePasskeys.loginPage(ctx, step, ctx.formParam("next"));
          return;
        }
        case SignIn.SignedIn done -> in = done;
      }
    } catch (KeepException e) {
      if (!e.type().equals("login-failed")) {
        throw e;
      }
      form(ctx, e.getMessage(), ctx.formParam("next"));
      return;
    }
    ctx.res().addHeader("Set-Cookie", Authenticator.COOKIE + "=" + in.session().cookie() + "; Path=/; Max-Age="
        + id.sessions().policy().absolute().toSeconds() + "; Secure; HttpOnly; SameSite=Strict");
    ctx.res().addHeader("Set-Cookie", LOGIN_COOKIE + "=; Path=/console/auth/login; Max-Age=0; Secure; HttpOnly; "
        + "SameSite=Strict");
    if (in.user().mustChangePassword()) {
      ConsolePage.redirect(ctx, "/console/auth/password", "password-required");
    } else {
      ConsolePage.redirect(ctx, ConsolePage.safeNext(ctx.formParam("next")));
    }
  }

  private static String password(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v != null && v.length() > MAX_PASSWORD_CHARS) {
      throw KeepException.badInput("field-too-long", "the password is too long");
    }
    return v;
  }

  static String expiredCookie() {
    return Authenticator.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
  }

  private static String random() {
    byte[] b = new byte[32];
    RNG.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
