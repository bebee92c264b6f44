package sovereign.munin.keep.app.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Shamir;
import sovereign.munin.keep.log.CanonicalJson;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/** Makes encrypted offline backups of every managed key, restorable by any {@code threshold} of the custodians. */
public final class KeyBackups {

  static final String PAYLOAD_AAD = "munin-keep key backup v1|";
  static final String SHARE_AAD = "munin-keep key backup share v1|";

  private final KeepInstance instance;
  private final ManagedKeys keys;
  private final KeyOperations ops;
  private final TrustFiles trust;
  private final SecureRandom rng;

  public KeyBackups(KeepInstance instance, ManagedKeys keys, KeyOperations ops, TrustFiles trust, SecureRandom rng) {
    this.instance = instance;
    this.keys = keys;
    this.ops = ops;
    this.trust = trust;
    this.rng = rng;
  }

  /**
   * A backup to approved custodians, named by their key ids or public keys (PEM): a key nobody enrolled, or one
   * not yet approved by two people, is refused ({@link Custodians}).
   */
  public BackupBundle backupTo(List<String> custodians, int threshold, String actor) {
    if (custodians == null || custodians.isEmpty() || custodians.size() > 255) {
      throw KeepException.badInput("bad-backup-scheme", "name 2 to 255 approved custodian keys");
    }
    return backup(new Custodians(instance).approvedRecipients(custodians), threshold, actor);
  }

  /** A backup to these recipients, whoever they are: for {@link #backupTo} and tests. */
  BackupBundle backup(List<HybridPublicKey> recipients, int threshold, String actor) {
    if (threshold < 2 || threshold > recipients.size() || recipients.size() > 255) {
      throw KeepException.badInput("bad-backup-scheme", "need 2 <= threshold <= recipients <= 255, got threshold "
          + threshold + " of " + recipients.size() + " recipients");
    }
    trust.ensureRoot(actor);
    List<Object> keyList = new ArrayList<>();
    List<Object> summary = new ArrayList<>();
    for (StoredKey k : StoredKey.all(instance.state())) {
      keyList.add(entry(k));
      summary.add(Map.of("name", k.key().name(), "versions", k.versions().size()));
    }
    byte[] plain = CanonicalJson.encode(Map.of("v", 1, "keys", keyList));
    String instanceId = instance.config().instanceId();
    try (SecretBytes backupKey = SecretBytes.random(32, rng)) {
      byte[] payload = Aead.seal(backupKey, plain, (PAYLOAD_AAD + instanceId).getBytes(StandardCharsets.UTF_8));
      java.util.Arrays.fill(plain, (byte) 0);
      String payloadHash = KeyUse.sha256Hex(payload);
      List<Shamir.Share> parts = Shamir.split(backupKey, recipients.size(), threshold, rng);
      List<BackupBundle.Share> shares = new ArrayList<>();
      for (int i = 0; i < recipients.size(); i++) {
        byte[] v = parts.get(i).value();
        byte[] share = ByteBuffer.allocate(1 + v.length).put((byte) parts.get(i).index()).put(v).array();
        shares.add(new BackupBundle.Share(recipients.get(i).keyId(), HybridEncryption.encrypt(recipients.get(i),
            share, (SHARE_AAD + payloadHash).getBytes(StandardCharsets.UTF_8))));
        java.util.Arrays.fill(v, (byte) 0);
        java.util.Arrays.fill(share, (byte) 0);
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("v", 1);
      manifest.put("instance", instanceId);
      manifest.put("createdAt", instance.clock().instant().toString());
      manifest.put("threshold", threshold);
      manifest.put("recipients", recipients.stream().map(HybridPublicKey::keyId).toList());
      manifest.put("payloadSha256", payloadHash);
      manifest.put("keys", summary);
      byte[] manifestBytes = CanonicalJson.encode(manifest);
      var sig = ops.signAny(TrustFiles.ROOT_KEY, manifestBytes, null, actor);
      instance.audit().recordNow(AuditEvent.success(actor, "key.backup", "keys", Map.of("keys",
          (long) summary.size(), "threshold", (long) threshold, "recipients", (long) recipients.size())));
      return new BackupBundle(manifestBytes, sig.signature(), ops.exportPublic(TrustFiles.ROOT_KEY, null), payload,
          shares);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "backup-failed", "backup failed: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> entry(StoredKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    var key = k.key();
    // The key's identity is bound into its ciphertexts' associated data: a restore keeps it.
    m.put("id", key.id());
    m.put("name", key.name());
    m.put("project", key.project());
    m.put("purpose", key.purpose());
    m.put("type", key.keyType());
    m.put("status", key.status());
    m.put("policy", List.of(key.rotationDays(), key.publishDays(), key.overlapDays()));
    m.put("createdAt", key.createdAt());
    instance.state().read(h -> h.attach(ManagedKeyDao.class).decryptionFloor(key.id()))
        .ifPresent(floor -> m.put("minDecryptionVersion", floor));
    List<Object> versions = new ArrayList<>();
    for (KeyVersionRow v : k.versions()) {
      Map<String, Object> row = new LinkedHashMap<>(BackupRows.version(v));
      row.put("material", material(k, v));
      if (v.compromisedAt() != null) {
        // What lets a signature of a compromised version still verify: carried over, or the restore would lose it.
        row.put("signaturesBeforeCompromise", settled(k, v));
      }
      versions.add(row);
    }
    m.put("versions", versions);
    var active = k.inState(VersionState.ACTIVE);
    if (k.type().encrypts() && active.isPresent()) {
      m.put("probe", probe(k, active.get()));
    }
    return m;
  }

  private Map<String, Object> probe(StoredKey k, KeyVersionRow v) {
    if (k.type() != KeyType.AES_256_GCM) {
      return RestoreProbe.make(k.key().id(), k.type(), v, null);
    }
    var row = instance.keys().read(h -> h.attach(KeyMaterialDao.class).find(k.key().id(), v.version())).orElseThrow();
    var p = new KeyMaterial.Protected(row.wrappedDataKey(), row.sealedPrivate());
    try (SecretBytes s = instance.seal().withRootKey(root -> KeyMaterial.open(root, k.key().id(), v.version(),
        k.type(), p))) {
      return RestoreProbe.make(k.key().id(), k.type(), v, s);
    }
  }

  private List<Object> settled(StoredKey k, KeyVersionRow v) {
    List<Object> out = new ArrayList<>();
    for (var sig : instance.state().read(h -> h.attach(ManagedKeyDao.class).settled(k.key().id(), v.version()))) {
      out.add(List.of(sig.signatureHash(), sig.signedAt()));
    }
    return out;
  }

  private String material(StoredKey k, KeyVersionRow v) {
    var row = instance.keys().read(h -> h.attach(KeyMaterialDao.class).find(k.key().id(), v.version()));
    if (row.isEmpty() || row.get().sealedPrivate() == null) {
      return null;
    }
    var p = new KeyMaterial.Protected(row.get().wrappedDataKey(), row.get().sealedPrivate());
    try (SecretBytes s = instance.seal().withRootKey(root -> KeyMaterial.open(root, k.key().id(), v.version(),
        k.type(), p))) {
      byte[] b = s.copyBytes();
      try {
        return Base64.getEncoder().encodeToString(b);
      } finally {
        java.util.Arrays.fill(b, (byte) 0);
      }
    }
  }

}
