package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.store.identity.UserRow;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;

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

  static void register(RouteTable t, KeepInstance instance, Identity id) {
    t.post("/api/v1/auth/mfa/webauthn/register/options", RouteSpec.AUTHENTICATED,
        "Creation options for registering a passkey or security key", (ctx, caller) -> {
          UserRow user = self(id, caller);
          requireFreshMfaToAddFactor(id, caller, user);
          ctx.header("Cache-Control", "no-store");
          ctx.json(id.webauthn().registrationOptions(user));
        });
    t.post("/api/v1/auth/mfa/webauthn/register", RouteSpec.AUTHENTICATED,
        "Register a passkey or security key: the browser's credential and an optional label", (ctx, caller) -> {
          UserRow user = self(id, caller);
          RegisterRequest req = ctx.bodyAsClass(RegisterRequest.class);
          WebAuthnCredentialRow row = id.webauthn().register(user, json(req == null ? null : req.credential()),
              req == null ? null : req.label());
          if (caller.session() != null) {
            id.sessions().markMfa(caller.session());
          }
          ctx.status(201).json(credential(row));
        });
    t.get("/api/v1/auth/mfa/webauthn", RouteSpec.AUTHENTICATED, "The caller's passkeys and security keys",
        (ctx, caller) -> {
          UserRow user = self(id, caller);
          ctx.json(Map.of("credentials", id.webauthn().list(user.id()).stream().map(WebAuthnRoutes::credential)
              .toList(), "totp", user.hasTotp()));
        });
    t.postSensitive("/api/v1/auth/mfa/webauthn/{id}/remove", RouteSpec.AUTHENTICATED,
        "Remove one of the caller's passkeys or security keys", (ctx, caller) -> {
          id.webauthn().remove(self(id, caller), ctx.pathParam("id"));
          ctx.status(204);
        });
    t.post("/api/v1/auth/login/webauthn", RouteSpec.PUBLIC,
        "Second sign-in step: the login challenge and the assertion answering it give a session", (ctx, caller) -> {
          LoginRequest req = ctx.bodyAsClass(LoginRequest.class);
          if (req == null || req.loginChallenge() == null || req.credential() == null) {
            throw KeepException.badInput("login-missing", "send {\"loginChallenge\": ..., \"credential\": ...}");
          }
          UserRow user = id.webauthnSignIn().finishLogin(req.loginChallenge(), req.credential().toString());
          AuthRoutes.startSession(ctx, instance, id, user, true, Boolean.TRUE.equals(req.cliToken()));
        });
    t.post("/api/v1/auth/step-up/webauthn/options", RouteSpec.AUTHENTICATED,
        "Request options for a step-up with a passkey or security key", (ctx, caller) -> {
          UserRow user = self(id, caller);
          requireSession(caller);
          ctx.header("Cache-Control", "no-store");
          ctx.json(id.webauthnSignIn().stepUpOptions(user));
        });
    t.post("/api/v1/auth/step-up/webauthn", RouteSpec.AUTHENTICATED,
        "Fresh MFA check with a passkey or security key, for sensitive actions", (ctx, caller) -> {
          UserRow user = self(id, caller);
          requireSession(caller);
          AssertionRequest req = ctx.bodyAsClass(AssertionRequest.class);
          if (!id.webauthnSignIn().stepUp(user, json(req == null ? null : req.credential()))) {
            throw new KeepException(KeepException.Kind.FORBIDDEN, "webauthn-assertion-refused", "the security key's "
                + "answer was refused: ask for new step-up options and try again");
          }
          id.sessions().markMfa(caller.session());
          ctx.status(204);
        });
  }

  /** Adding a factor to an account that has one needs a recent check, so a stolen session cannot add its own. */
  private static void requireFreshMfaToAddFactor(Identity id, Caller caller, UserRow user) {
    if (caller.session() != null && id.hasMfa(user) && !id.sessions().recentMfa(caller.session())) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "step-up-required", "adding a security key to an "
          + "account with MFA needs a fresh MFA check: step up first, then retry");
    }
  }

  private static void requireSession(Caller caller) {
    if (caller.session() == null) {
      throw KeepException.badInput("session-required", "step-up applies to sessions; tokens need none");
    }
  }

  private static UserRow self(Identity id, Caller caller) {
    AuthRoutes.requireUser(caller);
    return id.users().byId(caller.userId());
  }

  private static String json(JsonNode credential) {
    if (credential == null || !credential.isObject()) {
      throw KeepException.badInput("webauthn-credential-missing", "send {\"credential\": <PublicKeyCredential"
          + ".toJSON()>}");
    }
    return credential.toString();
  }

  static Map<String, Object> credential(WebAuthnCredentialRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    m.put("createdAt", Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("lastUsedAt", r.lastUsedAt() == null ? null : Instant.ofEpochMilli(r.lastUsedAt()).toString());
    m.put("transports", r.transports().isEmpty() ? java.util.List.of()
        : java.util.List.of(r.transports().split(",")));
    return m;
  }
}
