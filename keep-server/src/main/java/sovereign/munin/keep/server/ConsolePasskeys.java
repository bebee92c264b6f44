package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.PasskeyView;
import sovereign.munin.keep.app.identity.SignIn;
import sovereign.munin.keep.app.identity.UserView;

/**
 * Passkeys and security keys on console pages. The server renders the list, the removal forms and the second
 * sign-in step with its challenge in data- attributes; the browser ceremonies run in {@code passkeys.js}, which
 * calls the same JSON API as every other client.
 */
final class ConsolePasskeys {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ConsolePasskeys() {}

  static void register(RouteTable t, Identity id) {
    t.post("/console/auth/mfa/webauthn/{id}/remove").on(Resource.SELF).by(CallerKind.BROWSER).stepUp()
        .does("Console: remove one of one's own passkeys or security keys", (ctx, caller) -> {
          id.webauthn().remove(id.users().byId(caller.userId()), ctx.pathParam("id"), caller.who().credential());
          ConsolePage.redirect(ctx, "/console/auth/mfa", "passkey-removed");
        });
  }

  /** The MFA page's passkey section: the user's keys and the script that adds one. */
  static void mfaSection(Map<String, Object> m, Identity id, UserView user) {
    List<Map<String, Object>> keys = id.webauthn().list(user.id()).stream().map(ConsolePasskeys::row).toList();
    m.put("hasKeys", !keys.isEmpty());
    m.put("keys", keys);
    m.put("passkeyScript", true);
  }

  /** The step-up page offers the security key when the user has one. */
  static void stepUpSection(Map<String, Object> m, Identity id, UserView user) {
    boolean keys = id.webauthn().enrolled(user.id());
    m.put("hasKeys", keys);
    m.put("mfa", keys || user.hasTotp());
    m.put("passkeyScript", keys);
  }

  /** The second sign-in step: the challenge and its request options, for the script to answer with the key. */
  static void loginPage(Context ctx, SignIn.SecurityKeyStep step, String next) {
    Map<String, Object> m = ConsolePage.model(ctx, null, "Use your security key");
    m.put("challenge", step.challengeId());
    m.put("options", ctx.jsonMapper().toJsonString(step.options(), Map.class));
    m.put("next", ConsolePage.safeNext(next));
    m.put("totp", step.totp());
    m.put("passkeyScript", true);
    ConsoleView.render(ctx, "login-key", m);
  }

  /** What the profile says about the caller's second factors; empty when there is none. */
  static String summary(Identity id, UserView user) {
    List<String> parts = new ArrayList<>();
    if (user.hasTotp()) {
      parts.add("Authenticator app set up");
    }
    int keys = id.webauthn().list(user.id()).size();
    if (keys > 0) {
      parts.add(keys + (keys == 1 ? " passkey or security key" : " passkeys or security keys"));
    }
    return String.join(" · ", parts);
  }

  private static Map<String, Object> row(PasskeyView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    m.put("createdAt", WHEN.format(Instant.ofEpochMilli(r.createdAt())));
    m.put("lastUsedAt", r.lastUsedAt() == null ? "never" : WHEN.format(Instant.ofEpochMilli(r.lastUsedAt())));
    return m;
  }
}
