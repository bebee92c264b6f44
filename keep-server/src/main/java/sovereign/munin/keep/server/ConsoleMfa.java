package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.UserView;

/** MFA pages: TOTP enrolment (QR code and secret, confirmation, recovery codes once) and the step-up check. */
final class ConsoleMfa {

  private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

  private ConsoleMfa() {}

  static void register(RouteTable t, Identity id) {
    t.get("/console/auth/mfa").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: MFA status and enrolment", (ctx, caller) -> {
      UserView user = self(id, caller);
      Map<String, Object> m = ConsolePage.model(ctx, caller, "Multi-factor authentication");
      m.put("enrolled", user.hasTotp());
      ConsolePasskeys.mfaSection(m, id, user);
      ConsoleView.render(ctx, "mfa", m);
    });
    t.post("/console/auth/mfa/totp").on(Resource.SELF).by(CallerKind.BROWSER).stepUpIfEnrolled()
        .does("Console: start TOTP enrolment (QR code, once)", (ctx, caller) -> {
          String uri = id.mfa().enrol(self(id, caller), caller.who().credential());
          Matcher s = SECRET.matcher(uri);
          if (!s.find()) {
            throw new IllegalStateException("enrolment URI without a secret");
          }
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Set up your authenticator");
          m.put("qr", QrSvg.of(uri, "QR code for your authenticator app"));
          m.put("secret", grouped(s.group(1)));
          ConsoleView.render(ctx, "mfa-enrol", m);
        });
    t.post("/console/auth/mfa/totp/confirm").on(Resource.SELF).by(CallerKind.BROWSER).stepUpIfEnrolled()
        .does("Console: confirm TOTP with a first code; recovery codes shown once", (ctx, caller) -> {
          List<String> codes = id.mfa().confirm(self(id, caller), ConsolePage.field(ctx, "code", 64),
              caller.who().credential());
          MfaRoutes.markFresh(id, caller.who());
          Map<String, Object> m = ConsolePage.model(ctx, caller, "Recovery codes");
          m.put("codes", codes);
          ConsoleView.render(ctx, "mfa-recovery", m);
        });
    t.get("/console/auth/step-up").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: fresh MFA check page", (ctx, caller) -> {
      UserView user = self(id, caller);
      Map<String, Object> m = ConsolePage.model(ctx, caller, "Confirm it is you");
      m.put("enrolled", user.hasTotp());
      m.put("next", ConsolePage.safeNext(ctx.queryParam("next")));
      ConsolePasskeys.stepUpSection(m, id, user);
      ConsoleView.render(ctx, "step-up", m);
    });
    t.post("/console/auth/step-up").on(Resource.SELF).by(CallerKind.BROWSER)
        .does("Console: fresh MFA check with a TOTP code; wrong codes count towards the sign-in lockout",
            (ctx, caller) -> {
          id.stepUps().withCode(self(id, caller), ConsolePage.field(ctx, "code", 64), caller.who().credential());
          MfaRoutes.markFresh(id, caller.who());
          ConsolePage.redirect(ctx, ConsolePage.safeNext(ctx.formParam("next")), "stepped-up");
        });
  }

  private static UserView self(Identity id, Authorised caller) {
    return id.users().byId(caller.userId());
  }

  /** Groups of four, as authenticator apps show them, so the secret is easier to type. */
  private static String grouped(String base32) {
    return base32.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
