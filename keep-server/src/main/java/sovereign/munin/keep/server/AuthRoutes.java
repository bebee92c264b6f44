package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.Sessions;
import sovereign.munin.keep.store.identity.UserRow;

/** Login, logout (here and everywhere), password change and who-am-I; API tokens are minted in TokenRoutes. */
final class AuthRoutes {

  /** Login body; {@code cliToken} asks for an API token for the command line as well as the session. */
  record LoginRequest(String name, String password, String code, Boolean cliToken) {}

  /** Password change body. */
  record PasswordRequest(String current, String next) {}

  private AuthRoutes() {}

  static void register(RouteTable t, KeepInstance instance, Identity id) {
    t.post("/api/v1/auth/login").open().does("Sign in: name, password and TOTP code give a session; without a "
        + "code, a user with a security key gets a WebAuthn challenge for POST /api/v1/auth/login/webauthn",
        (ctx, caller) -> login(ctx, instance, id));
    t.post("/api/v1/auth/logout").on(Resource.SELF).by(CallerKind.USERS)
        .does("End this session or revoke this token", (ctx, caller) -> {
          if (caller.who().session() != null) {
            id.sessions().end(caller.who().session());
          } else {
            instance.state().transaction(h -> TokenRoutes.revoke(h, instance, caller.auditId(),
                caller.who().token(), "logout"));
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

  private static void login(Context ctx, KeepInstance instance, Identity id) {
    LoginRequest req = ctx.bodyAsClass(LoginRequest.class);
    if (req == null) {
      throw KeepException.badInput("login-missing", "send {\"name\": ..., \"password\": ..., \"code\": ...}");
    }
    UserRow user = id.login().check(req.name(), req.password());
    if (req.code() == null || req.code().isBlank()) {
      // The password was right: a user with a security key answers a challenge in a second step.
      var challenge = id.webauthnSignIn().startLogin(user);
      if (challenge.isPresent()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mfaRequired", true);
        m.put("loginChallenge", challenge.get().id());
        m.put("webauthn", challenge.get().options());
        m.put("totp", user.hasTotp());
        ctx.header("Cache-Control", "no-store");
        ctx.json(m);
        return;
      }
    }
    boolean mfaDone = id.hasMfa(user);
    if (mfaDone && !id.mfa().verify(user, req.code())) {
      throw id.login().secondFactorFailed(user);
    }
    id.login().succeeded(user);
    startSession(ctx, instance, id, user, mfaDone, Boolean.TRUE.equals(req.cliToken()));
  }

  /** Starts a session for a user who passed every factor: the cookie, the CSRF token, optionally a CLI token. */
  static void startSession(Context ctx, KeepInstance instance, Identity id, UserRow user, boolean mfaDone,
      boolean cliToken) {
    Sessions.Started s = id.sessions().start(user.id(), mfaDone, ctx.cookie(Authenticator.COOKIE));
    Duration absolute = id.sessions().policy().absolute();
    ctx.header("Set-Cookie", Authenticator.COOKIE + "=" + s.cookie() + "; Path=/; Max-Age=" + absolute.toSeconds()
        + "; Secure; HttpOnly; SameSite=Strict");
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", user.id());
    m.put("role", user.role());
    m.put("mustChangePassword", user.mustChange());
    m.put("mfaEnrolled", mfaDone || id.hasMfa(user));
    m.put("csrfToken", s.csrfToken());
    if (cliToken) {
      ApiTokens.Issued token = instance.state().transaction(h -> id.tokens().issueLogin(h, user.id(), absolute,
          mfaDone));
      m.put("token", token.secret());
    }
    ctx.json(m);
  }

  private static void clearCookie(Context ctx) {
    ctx.header("Set-Cookie", Authenticator.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
  }
}
