package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.KeyOperations;
import sovereign.munin.keep.app.keys.SignedInput;
import sovereign.munin.keep.governance.Permission;

/** Uses of managed keys over HTTPS: sign, verify, encrypt, decrypt, public-key export; data travels as base64. */
final class KeyUseRoutes {

  /** Body of a sign, verify, encrypt or decrypt call. */
  record UseRequest(String message, String digest, String context, String signature, String plaintext,
      String ciphertext, Integer version, String associatedData, String data, String mac, List<UseRequest> batch) {

    /** The caller's associated data (base64), or null when none was sent. */
    byte[] aad() {
      return optional("associatedData", associatedData);
    }

    /** What a signature covers: the message or a digest of it, and an ML-DSA context (all base64). */
    SignedInput signed() {
      return new SignedInput(optional("message", message), optional("digest", digest), optional("context",
          context));
    }
  }

  /** The most items one batch call may carry. */
  static final int MAX_BATCH = 100;

  private KeyUseRoutes() {}

  /**
   * Answers one use, or with {@code "batch": [...]} each item in order: an item refused as bad input, a conflict or
   * not found answers {@code {"error": {"type", "detail"}}} in its place and the others go on; anything else (sealed,
   * internal) ends the call. Each item is audited on its own, as a single call would be.
   */
  private static void serve(Context ctx, Function<UseRequest, Object> use) {
    UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
    if (req.batch() == null) {
      ctx.json(use.apply(req));
      return;
    }
    if (req.batch().isEmpty() || req.batch().size() > MAX_BATCH) {
      throw KeepException.badInput("bad-batch", "a batch holds 1 to " + MAX_BATCH + " items");
    }
    List<Object> answers = new ArrayList<>();
    for (UseRequest item : req.batch()) {
      if (item == null || item.batch() != null) {
        throw KeepException.badInput("bad-batch", "batch items are single uses, not batches");
      }
      try {
        answers.add(use.apply(item));
      } catch (KeepException e) {
        if (e.kind() != KeepException.Kind.BAD_INPUT && e.kind() != KeepException.Kind.CONFLICT
            && e.kind() != KeepException.Kind.NOT_FOUND) {
          throw e;
        }
        answers.add(Map.of("error", Map.of("type", e.type(), "detail", e.getMessage())));
      }
    }
    ctx.json(Map.of("batch", answers));
  }

  static void register(RouteTable t, KeyOperations ops, Resources resources) {
    Resource key = resources.key("name");
    t.post("/api/v1/keys/{name}/sign").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("Sign a \"message\" (ML-DSA: with an optional \"context\") or a precomputed \"digest\" of one "
            + "with the key's active version; or a \"batch\"", (ctx, caller) ->
            serve(ctx, req -> {
              var s = ops.sign(ctx.pathParam("name"), req.signed(), req.version(), caller.auditId());
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("key", s.key());
              m.put("version", s.version());
              m.put("publicKeyId", s.publicKeyId());
              m.put("algorithm", s.algorithm());
              m.put("signature", Base64.getEncoder().encodeToString(s.signature()));
              m.put("signedAt", s.signedAt());
              return m;
            }));
    t.post("/api/v1/keys/{name}/verify").needs(Permission.KEY_READ).on(key).by(CallerKind.ANY)
        .does("Verify a signature over a \"message\" (and \"context\") or a \"digest\" against the key's "
            + "versions, or one \"version\"; or a \"batch\"", (ctx, caller) ->
            serve(ctx, req -> ops.verify(ctx.pathParam("name"), req.signed(), bytes("signature", req.signature()),
                req.version(), caller.auditId())));
    t.post("/api/v1/keys/{name}/encrypt").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("Encrypt with the key's active version, binding optional \"associatedData\" (base64); or a "
            + "\"batch\"", (ctx, caller) -> serve(ctx, req -> Map.of("ciphertext", Base64.getEncoder()
                .encodeToString(ops.encrypt(ctx.pathParam("name"), bytes("plaintext", req.plaintext()),
                    req.aad(), caller.auditId())))));
    t.post("/api/v1/keys/{name}/decrypt").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("Decrypt with the version named in the ciphertext and the same \"associatedData\"; or a "
            + "\"batch\"", (ctx, caller) -> serve(ctx, req -> Map.of("plaintext", Base64.getEncoder()
                .encodeToString(ops.decrypt(ctx.pathParam("name"), bytes("ciphertext", req.ciphertext()),
                    req.aad(), caller.auditId())))));
    t.post("/api/v1/keys/{name}/rewrap").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("Re-encrypt a ciphertext under the key's active version; the plaintext never leaves the server",
            (ctx, caller) -> {
      UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
      byte[] ct = ops.rewrap(ctx.pathParam("name"), bytes("ciphertext", req.ciphertext()), req.aad(),
          caller.auditId());
      ctx.json(Map.of("ciphertext", Base64.getEncoder().encodeToString(ct)));
    });
    t.post("/api/v1/keys/{name}/datakey").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("A new AES-256 data key, in the clear and encrypted under the key (envelope encryption); "
            + "\"plaintext\": \"none\" returns only the encrypted one", (ctx, caller) -> {
      UseRequest req = ctx.body().isBlank() ? new UseRequest(null, null, null, null, null, null, null, null, null, null, null)
          : KeyRoutes.body(ctx, UseRequest.class);
      var dk = ops.dataKey(ctx.pathParam("name"), req.aad(), caller.auditId());
      Map<String, Object> m = new LinkedHashMap<>();
      if (!"none".equals(req.plaintext())) {
        m.put("plaintext", Base64.getEncoder().encodeToString(dk.plaintext()));
      }
      m.put("ciphertext", Base64.getEncoder().encodeToString(dk.ciphertext()));
      java.util.Arrays.fill(dk.plaintext(), (byte) 0);
      ctx.header("Cache-Control", "no-store");
      ctx.json(m);
    });
    t.post("/api/v1/keys/{name}/mac").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("HMAC-SHA-256 of \"data\" (base64, at most 512 KiB) under the MAC key's active version; or a "
            + "\"batch\"", (ctx, caller) -> serve(ctx, req -> Map.of("mac", Base64.getEncoder().encodeToString(
                ops.mac(ctx.pathParam("name"), bytes("data", req.data()), caller.auditId())))));
    t.post("/api/v1/keys/{name}/mac-verify").needs(Permission.KEY_USE).on(key).by(CallerKind.KEY_USERS).stepUp()
        .does("Check a \"mac\" over \"data\" with the version it names, in constant time; or a \"batch\"",
            (ctx, caller) -> serve(ctx, req -> ops.verifyMac(ctx.pathParam("name"), bytes("data", req.data()),
                bytes("mac", req.mac()), caller.auditId())));
    t.get("/api/v1/keys/{name}/jwks").needs(Permission.KEY_READ).on(key).by(CallerKind.ANY)
        .does("The signing key's public keys as a JWK Set (RFC 7517), for JOSE and JWT verifiers", (ctx, caller) ->
            ctx.json(ops.jwks(ctx.pathParam("name"))));
    t.get("/api/v1/keys/{name}/public").needs(Permission.KEY_READ).on(key).by(CallerKind.ANY)
        .does("The key's public key (PEM), of the active or a named version", (ctx, caller) -> {
      Long version = Params.optionalLong(ctx, "version", 1, Integer.MAX_VALUE);
      ctx.json(Map.of("pem", ops.exportPublic(ctx.pathParam("name"), version == null ? null : version.intValue())));
    });
  }

  private static byte[] optional(String field, String base64) {
    return base64 == null ? null : bytes(field, base64);
  }

  private static byte[] bytes(String field, String base64) {
    if (base64 == null) {
      throw KeepException.badInput("missing-field", "the body needs \"" + field + "\" (base64)");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-base64", "\"" + field + "\" is not valid base64");
    }
  }
}
