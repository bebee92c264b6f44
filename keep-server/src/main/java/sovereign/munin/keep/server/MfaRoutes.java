package sovereign.munin.keep.server;

import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.store.identity.UserRow;

/** TOTP enrolment, step-up for sensitive actions, and the administrator's MFA reset. */
final class MfaRoutes {

  /** A body carrying one TOTP or recovery code. */
  record CodeRequest(String code) {}

  private MfaRoutes() {}

  static void register(RouteTable t, Identity id) {
    t.post("/api/v1/auth/mfa/totp", RouteSpec.AUTHENTICATED, "Start TOTP enrolment: the otpauth URI, shown once",
        (ctx, caller) -> {
          ctx.header("Cache-Control", "no-store");
          ctx.status(201).json(Map.of("otpauthUri", id.mfa().enrol(self(id, caller))));
        });
    t.post("/api/v1/auth/mfa/totp/confirm", RouteSpec.AUTHENTICATED,
        "Confirm TOTP with a first code: 10 recovery codes, shown once", (ctx, caller) -> {
          var codes = id.mfa().confirm(self(id, caller), code(ctx));
          markFresh(id, caller);
          ctx.header("Cache-Control", "no-store");
          ctx.json(Map.of("recoveryCodes", codes));
        });
    t.post("/api/v1/auth/step-up", RouteSpec.AUTHENTICATED, "Fresh MFA check for sensitive actions",
        (ctx, caller) -> {
          UserRow user = self(id, caller);
          if (caller.session() == null && caller.machineToken()) {
            throw KeepException.badInput("person-required", "step-up is for people (sessions and 'keep login' "
                + "tokens); a machine token is held to its scope instead");
          }
          if (!id.mfa().verify(user, code(ctx))) {
            throw new KeepException(KeepException.Kind.FORBIDDEN, "mfa-code-wrong", "the code is wrong, was "
                + "already used, or no TOTP is enrolled");
          }
          markFresh(id, caller);
          ctx.status(204);
        });
    t.add(new RouteSpec("POST", "/api/v1/users/{name}/reset-mfa", "user.manage", null, true,
        "Remove a user's TOTP, recovery codes, passkeys and security keys", (ctx, caller) -> {
          id.mfa().reset(caller.auditId(), id.users().byName(ctx.pathParam("name")));
          ctx.status(204);
        }));
  }

  /** A passed second factor makes the session, or the person's login token, fresh for sensitive actions. */
  private static void markFresh(Identity id, Caller caller) {
    if (caller.session() != null) {
      id.sessions().markMfa(caller.session());
    } else if (caller.token() != null && !caller.machineToken()) {
      id.tokens().markMfa(caller.token().id());
    }
  }

  private static UserRow self(Identity id, Caller caller) {
    AuthRoutes.requireUser(caller);
    return id.users().byId(caller.userId());
  }

  private static String code(io.javalin.http.Context ctx) {
    CodeRequest req = ctx.bodyAsClass(CodeRequest.class);
    if (req == null || req.code() == null) {
      throw KeepException.badInput("code-missing", "send {\"code\": \"123456\"}");
    }
    return req.code();
  }
}
