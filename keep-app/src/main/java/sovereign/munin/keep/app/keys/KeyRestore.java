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
 * Restores keys from an opened backup into this instance: material is re-sealed under this instance's root key;
 * names that exist here are refused before anything is written. The root of trust is never restored: an instance
 * keeps its own.
 */
public final class KeyRestore {

  private final KeepInstance instance;
  private final SecureRandom rng;

  public KeyRestore(KeepInstance instance, SecureRandom rng) {
    this.instance = instance;
    this.rng = rng;
  }

  public List<String> restore(JsonNode payload, String actor) {
    List<JsonNode> wanted = new ArrayList<>();
    payload.path("keys").forEach(k -> {
      if (!k.path("name").asText().equals(TrustFiles.ROOT_KEY)) {
        wanted.add(k);
      }
    });
    java.util.Set<String> missingProjects = new java.util.TreeSet<>();
    for (JsonNode k : wanted) {
      String name = k.path("name").asText();
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

  private String restoreOne(JsonNode k, String actor) {
    String id = UUID.randomUUID().toString();
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
