package sovereign.munin.keep.server;

import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.UserView;
import sovereign.munin.keep.governance.Permission;

/**
 * TOTP enrolment, step-up for sensitive actions, and the administrator's MFA reset. Adding a factor is for a person
 * (session or login token) with a fresh MFA check whenever the account already has one.
 */
final class MfaRoutes {

  /** A body carrying one TOTP or recovery code. */
  record CodeRequest(String code) {}

  private MfaRoutes() {}

  static void register(RouteTable t, Identity id, Resources resources) {
    t.post("/api/v1/auth/mfa/totp").on(Resource.SELF).by(CallerKind.PEOPLE).stepUpIfEnrolled()
        .does("Start TOTP enrolment: the otpauth URI, shown once", (ctx, caller) -> {
          ctx.header("Cache-Control", "no-store");
          ctx.status(201).json(Map.of("otpauthUri", id.mfa().enrol(self(id, caller), caller.who().credential())));
        });
    t.post("/api/v1/auth/mfa/totp/confirm").on(Resource.SELF).by(CallerKind.PEOPLE).stepUpIfEnrolled()
        .does("Confirm TOTP with a first code: 10 recovery codes, shown once", (ctx, caller) -> {
          var codes = id.mfa().confirm(self(id, caller), code(ctx), caller.who().credential());
          markFresh(id, caller.who());
          ctx.header("Cache-Control", "no-store");
          ctx.json(Map.of("recoveryCodes", codes));
        });
    t.post("/api/v1/auth/step-up").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Fresh MFA check for sensitive actions; wrong codes count towards the sign-in lockout",
            (ctx, caller) -> {
              id.stepUps().withCode(self(id, caller), code(ctx), caller.who().credential());
              markFresh(id, caller.who());
              ctx.status(204);
            });
    t.post("/api/v1/users/{name}/reset-mfa").needs(Permission.USER_MANAGE).by(CallerKind.PEOPLE_AND_BOOTSTRAP)
        .stepUp().does("Remove a user's TOTP, recovery codes, passkeys and security keys", (ctx, caller) -> {
          id.mfa().reset(caller.auditId(), id.users().byName(ctx.pathParam("name")));
          ctx.status(204);
        });
  }

  /** A passed second factor makes the session, or the person's login token, fresh for sensitive actions. */
  static void markFresh(Identity id, Caller caller) {
    if (caller.session() != null) {
      id.sessions().markMfa(caller.session());
    } else if (caller.kind() == CallerKind.LOGIN_TOKEN) {
      id.tokens().markMfa(caller.token().id());
    }
  }

  static UserView self(Identity id, Authorised caller) {
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
