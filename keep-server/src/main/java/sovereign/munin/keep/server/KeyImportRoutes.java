package sovereign.munin.keep.server;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.keys.KeyImports;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;

/**
 * Bring your own key over HTTPS: the instance's import key to encrypt material to, the request (one person), the
 * list of waiting requests, and the approval (a second person) that makes the key.
 */
final class KeyImportRoutes {

  /** Body of an import request: the material encrypted to the import key, and the public half in the clear. */
  record ImportRequest(String name, String project, String type, String purpose, Integer rotationDays,
      Integer publishDays, Integer overlapDays, String publicKey, String wrappedMaterial, Integer wrappingVersion) {}

  private KeyImportRoutes() {}

  static void register(RouteTable t, KeyImports imports, Resources resources, Identity id) {
    t.get("/api/v1/key-imports/wrapping-key").needs(Permission.KEY_MANAGE).by(CallerKind.PEOPLE)
        .does("The instance's import key (hybrid ML-KEM-768 + X25519, PEM) that key material to import is "
            + "encrypted to", (ctx, caller) -> ctx.json(imports.wrappingKey(caller.auditId())));
    t.post("/api/v1/key-imports").needs(Permission.KEY_MANAGE).on(resources.bodyProject("project"))
        .by(CallerKind.PEOPLE).stepUp().does("Ask to import outside key material as a new key; a second person "
            + "approves it (202 while it waits)", (ctx, caller) -> {
      ImportRequest req = KeyRoutes.body(ctx, ImportRequest.class);
      if (req.wrappingVersion() == null) {
        throw KeepException.badInput("missing-field", "the body needs \"wrappingVersion\": the import key version "
            + "the material is encrypted to");
      }
      var pending = imports.request(req.name(), req.project(), req.purpose(), req.type(), ManagedKeys.policy(
          req.rotationDays(), req.publishDays(), req.overlapDays()), optional("publicKey", req.publicKey()),
          optional("wrappedMaterial", req.wrappedMaterial()), req.wrappingVersion(), caller.auditId());
      ctx.status(202).json(pending);
    });
    t.get("/api/v1/key-imports").needs(Permission.KEY_READ).by(CallerKind.PEOPLE)
        .does("Key imports waiting for a second person, in the projects the caller may read keys in",
            (ctx, caller) -> {
      Map<String, String> projectIds = new HashMap<>();
      id.projects().list().forEach(p -> projectIds.put(p.name(), p.id()));
      ctx.json(Map.of("imports", imports.pending().stream()
          .filter(p -> caller.sees(Permission.KEY_READ, projectIds.getOrDefault(p.project(), ""))).toList()));
    });
    t.post("/api/v1/key-imports/{import}/approve").needs(Permission.KEY_MANAGE).on(resources.keyImport("import"))
        .by(CallerKind.PEOPLE).stepUp().does("Approve another person's key import: the key is made, active",
            (ctx, caller) -> ctx.status(201).json(imports.approve(ctx.pathParam("import"), caller.auditId())));
  }

  private static byte[] optional(String field, String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-base64", "\"" + field + "\" is not valid base64");
    }
  }
}
