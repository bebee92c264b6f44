package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.KeyBackups;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.keys.KeyRestore;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.governance.Permission;

/** Encrypted key backups out, and restores of an opened backup in. */
final class BackupRoutes {

  /** Body of a backup: custodians' hybrid public keys (PEM) and how many of them restore. */
  record BackupRequest(List<String> recipients, Integer threshold) {}

  /** Body of a restore: the backup payload, decrypted by the custodians on their side, base64. */
  record RestoreRequest(String payload) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private BackupRoutes() {}

  static void register(RouteTable t, ManagedKeys managed, KeyBackups backups, KeyRestore restore) {
    t.post("/api/v1/keys/backup").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .stepUp().does("An encrypted backup of every key, split among custodians", (ctx, caller) -> {
      BackupRequest req = KeyRoutes.body(ctx, BackupRequest.class);
      if (req.recipients() == null || req.threshold() == null || req.recipients().size() > 255) {
        throw KeepException.badInput("bad-backup-scheme", "send {\"recipients\": [PEM...], \"threshold\": M}");
      }
      List<HybridPublicKey> keys = new ArrayList<>();
      for (String pem : req.recipients()) {
        try {
          keys.add(HybridPublicKey.fromPem(pem));
        } catch (KeepCryptoException e) {
          throw KeepException.badInput("bad-recipient", "a recipient is not a hybrid public key: " + e.getMessage());
        }
      }
      var b = backups.backup(keys, req.threshold(), caller.auditId());
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
        .stepUp().does("Restore the keys of an opened backup", (ctx, caller) -> {
      RestoreRequest req = KeyRoutes.body(ctx, RestoreRequest.class);
      if (req.payload() == null) {
        throw KeepException.badInput("missing-field", "send {\"payload\": base64}");
      }
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(req.payload());
      } catch (IllegalArgumentException e) {
        throw KeepException.badInput("bad-base64", "\"payload\" is not valid base64");
      }
      ctx.json(Map.of("restored", restore.restore(JSON.readTree(payload), caller.auditId())));
    });
  }
}
