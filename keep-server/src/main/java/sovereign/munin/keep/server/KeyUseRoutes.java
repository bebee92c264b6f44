package sovereign.munin.keep.server;

import io.javalin.config.JavalinConfig;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.KeyOperations;

/** Uses of managed keys over HTTPS: sign, verify, encrypt, decrypt, public-key export; data travels as base64. */
final class KeyUseRoutes {

  /** Body of a sign, verify, encrypt or decrypt call. */
  record UseRequest(String message, String signature, String plaintext, String ciphertext, Integer version) {}

  private KeyUseRoutes() {}

  static void install(JavalinConfig cfg, Authenticator auth, KeyOperations ops) {
    cfg.routes.post("/api/v1/keys/{name}/sign", ctx -> {
      var caller = auth.require(ctx, "key.use");
      UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
      var s = ops.sign(ctx.pathParam("name"), bytes("message", req.message()), req.version(),
          KeyRoutes.actor(caller));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", s.key());
      m.put("version", s.version());
      m.put("publicKeyId", s.publicKeyId());
      m.put("algorithm", s.algorithm());
      m.put("signature", Base64.getEncoder().encodeToString(s.signature()));
      m.put("signedAt", s.signedAt());
      ctx.json(m);
    });
    cfg.routes.post("/api/v1/keys/{name}/verify", ctx -> {
      var caller = auth.require(ctx, "key.read");
      UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
      ctx.json(ops.verify(ctx.pathParam("name"), bytes("message", req.message()),
          bytes("signature", req.signature()), KeyRoutes.actor(caller)));
    });
    cfg.routes.post("/api/v1/keys/{name}/encrypt", ctx -> {
      var caller = auth.require(ctx, "key.use");
      UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
      byte[] ct = ops.encrypt(ctx.pathParam("name"), bytes("plaintext", req.plaintext()), KeyRoutes.actor(caller));
      ctx.json(Map.of("ciphertext", Base64.getEncoder().encodeToString(ct)));
    });
    cfg.routes.post("/api/v1/keys/{name}/decrypt", ctx -> {
      var caller = auth.require(ctx, "key.use");
      UseRequest req = KeyRoutes.body(ctx, UseRequest.class);
      byte[] pt = ops.decrypt(ctx.pathParam("name"), bytes("ciphertext", req.ciphertext()), KeyRoutes.actor(caller));
      ctx.json(Map.of("plaintext", Base64.getEncoder().encodeToString(pt)));
    });
    cfg.routes.get("/api/v1/keys/{name}/public", ctx -> {
      auth.require(ctx, "key.read");
      Long version = Params.optionalLong(ctx, "version", 1, Integer.MAX_VALUE);
      ctx.json(Map.of("pem", ops.exportPublic(ctx.pathParam("name"), version == null ? null : version.intValue())));
    });
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
