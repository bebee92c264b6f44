package sovereign.munin.keep.app.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.store.identity.ProjectDao;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;
import sovereign.munin.keep.store.keys.ManagedKeyRow;

/**
 * Restores keys from a backup into this fresh instance: the server checks the backup itself (the manifest signed
 * by the pinned root of trust of the instance that made it, the payload hash, each encryption key's restore
 * probe), then re-seals the material under this instance's root key. An instance that already has keys is
 * refused: a restore is not a way to bring outside key material into a working instance. The root of trust is
 * never restored: an instance keeps its own.
 */
public final class KeyRestore {

  private final KeepInstance instance;
  private final SecureRandom rng;

  public KeyRestore(KeepInstance instance, SecureRandom rng) {
    this.instance = instance;
    this.rng = rng;
  }

  /**
   * Restores from {@code bundle} opened with the custodians' recovered {@code backupKey}; {@code trustRootPem} is
   * the root of trust of the instance that made the backup, which must have signed its manifest.
   */
  public List<String> restore(BackupBundle bundle, SecretBytes backupKey, String trustRootPem, String actor) {
    if (trustRootPem == null || trustRootPem.isBlank()) {
      throw KeepException.badInput("restore-needs-trust-root", "name the root of trust of the instance that made "
          + "the backup (--trust-root PEM: 'keep trust export --root-out' there, or the custodians' copy)");
    }
    String pinned;
    try {
      pinned = sovereign.munin.keep.crypto.KeyId.of(sovereign.munin.keep.crypto.Pem.parsePublicKey(trustRootPem));
    } catch (sovereign.munin.keep.crypto.KeepCryptoException e) {
      throw KeepException.badInput("bad-trust-root", "the trust root is not a PEM public key: " + e.getMessage());
    }
    BackupReader.Opened opened = BackupReader.openWithKey(bundle, backupKey, pinned);
    return restore(opened.payload(), actor);
  }

  /** Restores an opened backup's payload; {@link #restore(BackupBundle, SecretBytes, String, String)} opens one. */
  List<String> restore(JsonNode payload, String actor) {
    boolean fresh = instance.state().read(h -> h.attach(ManagedKeyDao.class).keys()).stream()
        .allMatch(k -> k.name().equals(TrustFiles.ROOT_KEY));
    if (!fresh) {
      throw new KeepException(KeepException.Kind.CONFLICT, "instance-not-fresh", "this instance already has keys; "
          + "restore into a fresh instance ('keep init'), so no outside key material joins a working one");
    }
    List<JsonNode> wanted = new ArrayList<>();
    payload.path("keys").forEach(k -> {
      if (!k.path("name").asText().equals(TrustFiles.ROOT_KEY)) {
        wanted.add(k);
      }
    });
    java.util.Set<String> missingProjects = new java.util.TreeSet<>();
    for (JsonNode k : wanted) {
      String name = k.path("name").asText();
      String id = idOf(k);
      if (instance.state().read(h -> h.attach(ManagedKeyDao.class).findKeyById(id)).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "key-exists", "key '" + name + "' (id " + id
            + ") exists here; restore into a fresh instance");
      }
      // Data encrypted before the backup must decrypt after it: checked before anything is written.
      RestoreProbe.check(k, id);
      if (instance.state().read(h -> h.attach(ManagedKeyDao.class).findKey(name)).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "key-exists", "key '" + name + "' exists here; "
            + "restore into a fresh instance");
      }
      // Checked before anything is written: a bad entry must leave this instance as it was.
      k.path("versions").forEach(v -> v.path("signaturesBeforeCompromise")
          .forEach(sig -> BackupRows.signatureHash(sig.path(0))));
      String project = k.path("project").asText();
      if (instance.state().read(h -> h.attach(ProjectDao.class).findByName(project)).isEmpty()) {
        missingProjects.add(project);
      }
    }
    // A key belongs to a project by name; without it here, nobody could see or use the restored key.
    if (!missingProjects.isEmpty()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "project-missing", "the backup's keys belong to "
          + "projects this instance does not have: " + String.join(", ", missingProjects) + "; an admin creates "
          + "them first ('keep project add NAME --owner USER'), then restore again");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode k : wanted) {
      names.add(restoreOne(k, actor));
    }
    return names;
  }

  /**
   * The identity the restored key gets: the one it had, which its ciphertexts' associated data names. A backup
   * made before backups carried it gets a new one, and its earlier ciphertexts do not decrypt after the restore.
   */
  private static String idOf(JsonNode k) {
    String id = k.path("id").asText("");
    if (id.isEmpty()) {
      return UUID.nameUUIDFromBytes(("munin keep restored key|" + k.path("name").asText() + "|"
          + k.path("createdAt").asLong()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
    if (!id.matches("[0-9a-f-]{36}")) {
      throw KeepException.badInput("backup-invalid", "the backup names key '" + k.path("name").asText()
          + "' with a malformed id");
    }
    return id;
  }

  private String restoreOne(JsonNode k, String actor) {
    String id = idOf(k);
    KeyType type = KeyType.fromId(k.path("type").asText());
    JsonNode pol = k.path("policy");
    var key = new ManagedKeyRow(id, k.path("name").asText(), k.path("project").asText(), k.path("purpose").asText(),
        type.id(), k.path("status").asText(), pol.path(0).asInt(), pol.path(1).asInt(), pol.path(2).asInt(),
        k.path("createdAt").asLong());
    List<KeyVersionRow> versions = new ArrayList<>();
    long now = instance.clock().millis();
    for (JsonNode v : k.path("versions")) {
      KeyVersionRow row = BackupRows.version(id, v);
      versions.add(row);
      if (v.path("material").isTextual()) {
        byte[] raw = Base64.getDecoder().decode(v.path("material").asText());
        try (SecretBytes material = SecretBytes.copyOf(raw)) {
          var p = instance.seal().withRootKey(root -> KeyMaterial.protect(root, id, row.version(), type, material,
              rng));
          instance.keys().transaction(h -> {
            h.attach(KeyMaterialDao.class).insert(id, row.version(), p.wrappedDataKey(), p.sealedPrivate(), now);
            return null;
          });
        } finally {
          java.util.Arrays.fill(raw, (byte) 0);
        }
      }
    }
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key);
      versions.forEach(dao::insertVersion);
      if (k.path("minDecryptionVersion").canConvertToInt()) {
        dao.setDecryptionFloor(id, k.path("minDecryptionVersion").asInt());
      }
      for (JsonNode v : k.path("versions")) {
        for (JsonNode sig : v.path("signaturesBeforeCompromise")) {
          dao.insertSettled(BackupRows.signatureHash(sig.path(0)), id, v.path("version").asInt(),
              sig.path(1).asLong());
        }
      }
      instance.audit().record(h, AuditEvent.success(actor, "key.restore", "key:" + key.name(),
          Map.of("keyId", id, "versions", (long) versions.size())).inProject(key.project()));
      return null;
    });
    return key.name();
  }
}
