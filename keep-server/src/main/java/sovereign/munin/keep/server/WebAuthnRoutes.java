package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.PasskeyView;
import sovereign.munin.keep.app.identity.UserView;

/**
 * Passkeys and security keys (WebAuthn) as a second factor: registration, listing and removal of one's own
 * credentials, the second sign-in step, and step-up. Options go out as the JSON the browser's
 * {@code PublicKeyCredential.parse*OptionsFromJSON} takes; credentials come back as {@code toJSON()} gives them.
 */
final class WebAuthnRoutes {

  /** A new credential from {@code navigator.credentials.create}, and an optional label for it. */
  record RegisterRequest(JsonNode credential, String label) {}

  /** The second sign-in step: the challenge id from the first step and the assertion answering it. */
  record LoginRequest(String loginChallenge, JsonNode credential, Boolean cliToken) {}

  /** An assertion from {@code navigator.credentials.get}. */
  record AssertionRequest(JsonNode credential) {}

  private WebAuthnRoutes() {}

  static void register(RouteTable t, Identity id) {
    t.post("/api/v1/auth/mfa/webauthn/register/options").on(Resource.SELF).by(CallerKind.PEOPLE).stepUpIfEnrolled()
        .does("Creation options for registering a passkey or security key", (ctx, caller) -> {
          UserView user = MfaRoutes.self(id, caller);
          ctx.header("Cache-Control", "no-store");
          ctx.json(id.webauthn().registrationOptions(user));
        });
    t.post("/api/v1/auth/mfa/webauthn/register").on(Resource.SELF).by(CallerKind.PEOPLE).stepUpIfEnrolled()
        .does("Register a passkey or security key: the browser's credential and an optional label", (ctx, caller) -> {
          UserView user = MfaRoutes.self(id, caller);
          RegisterRequest req = ctx.bodyAsClass(RegisterRequest.class);
          PasskeyView row = id.webauthn().register(user, json(req == null ? null : req.credential()),
              req == null ? null : req.label(), caller.who().credential());
          MfaRoutes.markFresh(id, caller.who());
          ctx.status(201).json(credential(row));
        });
    t.get("/api/v1/auth/mfa/webauthn").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("The caller's passkeys and security keys", (ctx, caller) -> {
          UserView user = MfaRoutes.self(id, caller);
          ctx.json(Map.of("credentials", id.webauthn().list(user.id()).stream().map(WebAuthnRoutes::credential)
              .toList(), "totp", user.hasTotp()));
        });
    t.post("/api/v1/auth/mfa/webauthn/{id}/remove").on(Resource.SELF).by(CallerKind.PEOPLE).stepUp()
        .does("Remove one of the caller's passkeys or security keys", (ctx, caller) -> {
          id.webauthn().remove(MfaRoutes.self(id, caller), ctx.pathParam("id"), caller.who().credential());
          ctx.status(204);
        });
    t.post("/api/v1/auth/login/webauthn").open()
        .does("Second sign-in step: the login challenge and the assertion answering it give a session", (ctx, caller) -> {
          LoginRequest req = ctx.bodyAsClass(LoginRequest.class);
          if (req == null || req.loginChallenge() == null || req.credential() == null) {
            throw KeepException.badInput("login-missing", "send {\"loginChallenge\": ..., \"credential\": ...}");
          }
          AuthRoutes.signedIn(ctx, id, id.signIn().withSecurityKey(req.loginChallenge(), req.credential().toString(),
              ctx.cookie(Authenticator.COOKIE), Boolean.TRUE.equals(req.cliToken())));
        });
    t.post("/api/v1/auth/step-up/webauthn/options").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Request options for a step-up with a passkey or security key", (ctx, caller) -> {
          UserView user = MfaRoutes.self(id, caller);
          ctx.header("Cache-Control", "no-store");
          ctx.json(id.webauthnSignIn().stepUpOptions(user));
        });
    t.post("/api/v1/auth/step-up/webauthn").on(Resource.SELF).by(CallerKind.PEOPLE)
        .does("Fresh MFA check with a passkey or security key; refused answers count towards the sign-in lockout",
            (ctx, caller) -> {
              AssertionRequest req = ctx.bodyAsClass(AssertionRequest.class);
              id.stepUps().withSecurityKey(MfaRoutes.self(id, caller), json(req == null ? null : req.credential()),
                  caller.who().credential());
              MfaRoutes.markFresh(id, caller.who());
              ctx.status(204);
            });
  }

  private static String json(JsonNode credential) {
    if (credential == null || !credential.isObject()) {
      throw KeepException.badInput("webauthn-credential-missing", "send {\"credential\": <PublicKeyCredential"
          + ".toJSON()>}");
    }
    return credential.toString();
  }

  static Map<String, Object> credential(PasskeyView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    m.put("createdAt", Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("lastUsedAt", r.lastUsedAt() == null ? null : Instant.ofEpochMilli(r.lastUsedAt()).toString());
    m.put("transports", r.transports());
    return m;
  }
}
