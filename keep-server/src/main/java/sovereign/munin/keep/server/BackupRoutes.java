package sovereign.munin.keep.server;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.BackupBundle;
import sovereign.munin.keep.app.keys.KeyBackups;
import sovereign.munin.keep.app.keys.KeyRestore;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.governance.Permission;

/** Encrypted key backups out, and restores of an opened backup in. */
final class BackupRoutes {

  /**
   * Body of a backup: approved custodians' keys (key ids, or hybrid public keys in PEM) and how many of them
   * restore.
   */
  record BackupRequest(List<String> recipients, Integer threshold) {}

  /**
   * Body of a restore: the backup as written (manifest, its signature and signer, the encrypted payload, base64),
   * the backup key the custodians recovered on their side (base64), and the root of trust (PEM) of the instance
   * that made it. The server checks all of it itself.
   */
  record RestoreRequest(String manifest, String manifestSignature, String signerPem, String payload,
      String backupKey, String trustRoot) {}

  private BackupRoutes() {}

  private static byte[] bytes(String field, String base64) {
    try {
      return Base64.getDecoder().decode(text(field, base64));
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-base64", "\"" + field + "\" is not valid base64");
    }
  }

  private static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw KeepException.badInput("missing-field", "a restore needs \"" + field + "\": send the backup as "
          + "'keep key restore' does");
    }
    return value;
  }

  static void register(RouteTable t, ManagedKeys managed, KeyBackups backups, KeyRestore restore) {
    t.post("/api/v1/keys/backup").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .stepUp().does("An encrypted backup of every key, split among custodians", (ctx, caller) -> {
      BackupRequest req = KeyRoutes.body(ctx, BackupRequest.class);
      if (req.recipients() == null || req.threshold() == null || req.recipients().size() > 255) {
        throw KeepException.badInput("bad-backup-scheme", "send {\"recipients\": [PEM...], \"threshold\": M}");
      }
      var b = backups.backupTo(req.recipients(), req.threshold(), caller.auditId());
      Base64.Encoder enc = Base64.getEncoder();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("manifest", enc.encodeToString(b.manifest()));
      m.put("manifestSignature", enc.encodeToString(b.manifestSignature()));
      m.put("signerPem", b.signerPem());
      m.put("payload", enc.encodeToString(b.payload()));
      m.put("shares", b.shares().stream().map(s -> Map.of("recipient", s.recipientKeyId(), "ciphertext",
          enc.encodeToString(s.ciphertext()))).toList());
      ctx.json(m);
    });
    t.post("/api/v1/keys/restore").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .stepUp().does("Restore a backup into this fresh instance; the server checks the manifest against the "
            + "pinned root of trust, the payload and each restore probe itself", (ctx, caller) -> {
      RestoreRequest req = KeyRoutes.body(ctx, RestoreRequest.class);
      BackupBundle bundle = new BackupBundle(bytes("manifest", req.manifest()),
          bytes("manifestSignature", req.manifestSignature()), text("signerPem", req.signerPem()),
          bytes("payload", req.payload()), List.of());
      byte[] key = bytes("backupKey", req.backupKey());
      try (SecretBytes backupKey = SecretBytes.copyOf(key)) {
        ctx.json(Map.of("restored", restore.restore(bundle, backupKey, req.trustRoot(), caller.auditId())));
      } finally {
        java.util.Arrays.fill(key, (byte) 0);
      }
    });
  }
}
