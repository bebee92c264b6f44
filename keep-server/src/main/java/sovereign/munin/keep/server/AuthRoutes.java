package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.SignIn;

/** Login, logout (here and everywhere), password change and who-am-I; API tokens are minted in TokenRoutes. */
final class AuthRoutes {

  /** Login body; {@code cliToken} asks for an API token for the command line as well as the session. */
  record LoginRequest(String name, String password, String code, Boolean cliToken) {}

  /** Password change body. */
  record PasswordRequest(String current, String next) {}

  private AuthRoutes() {}

  static void register(RouteTable t, Identity id) {
    t.post("/api/v1/auth/login").open().does("Sign in: name, password and TOTP code give a session; without a "
        + "code, a user with a security key gets a WebAuthn challenge for POST /api/v1/auth/login/webauthn",
        (ctx, caller) -> login(ctx, id));
    t.post("/api/v1/auth/logout").on(Resource.SELF).by(CallerKind.USERS)
        .does("End this session or revoke this token", (ctx, caller) -> {
          if (caller.who().session() != null) {
            id.sessions().end(caller.who().session());
          } else {
            id.tokens().logout(caller.auditId(), caller.who().token());
          }
          clearCookie(ctx);
          ctx.status(204);
        });
    t.post("/api/v1/auth/logout-everywhere").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("End every session and token of the caller", (ctx, caller) -> {
          id.sessions().endEverywhere(caller.auditId(), caller.userId());
          clearCookie(ctx);
          ctx.status(204);
        });
    t.post("/api/v1/auth/password").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Change one's own password", (ctx, caller) -> {
      PasswordRequest req = ctx.bodyAsClass(PasswordRequest.class);
      id.users().changePassword(caller.userId(), req.current(), req.next());
      ctx.status(204);
    });
    t.get("/api/v1/auth/me").on(Resource.SELF).by(CallerKind.USERS)
        .does("The caller, their roles and projects", (ctx, caller) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("actor", caller.auditId());
      m.put("roles", caller.actor().globalRoles().stream().map(r -> r.id()).sorted().toList());
      Map<String, Object> projects = new LinkedHashMap<>();
      caller.actor().projectRoles().forEach((p, roles) -> projects.put(p, roles.stream().map(r -> r.id()).toList()));
      m.put("projects", projects);
      m.put("mustChangePassword", caller.mustChangePassword());
      ctx.json(m);
    });
  }

  private static void login(Context ctx, Identity id) {
    LoginRequest req = ctx.bodyAsClass(LoginRequest.class);
    if (req == null) {
      throw KeepException.badInput("login-missing", "send {\"name\": ..., \"password\": ..., \"code\": ...}");
    }
    SignIn.Outcome outcome = id.signIn().withPassword(req.name(), req.password(), req.code(),
        ctx.cookie(Authenticator.COOKIE), Boolean.TRUE.equals(req.cliToken()));
    ctx.header("Cache-Control", "no-store");
    switch (outcome) {
      case SignIn.SecurityKeyStep step -> {
        // The password was right: a user with a security key answers a challenge in a second step.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mfaRequired", true);
        m.put("loginChallenge", step.challengeId());
        m.put("webauthn", step.options());
        m.put("totp", step.totp());
        ctx.json(m);
      }
      case SignIn.SignedIn in -> signedIn(ctx, id, in);
    }
  }

  /** Answers a completed sign-in: the session cookie, the CSRF token and, when asked for, the CLI token. */
  static void signedIn(Context ctx, Identity id, SignIn.SignedIn in) {
    Duration absolute = id.sessions().policy().absolute();
    ctx.header("Set-Cookie", Authenticator.COOKIE + "=" + in.session().cookie() + "; Path=/; Max-Age="
        + absolute.toSeconds() + "; Secure; HttpOnly; SameSite=Strict");
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", in.user().id());
    m.put("role", in.user().role());
    m.put("mustChangePassword", in.user().mustChangePassword());
    m.put("mfaEnrolled", in.mfaDone());
    m.put("csrfToken", in.session().csrfToken());
    if (in.cliToken() != null) {
      m.put("token", in.cliToken().secret());
    }
    ctx.json(m);
  }

  private static void clearCookie(Context ctx) {
    ctx.header("Set-Cookie", Authenticator.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
  }
}
