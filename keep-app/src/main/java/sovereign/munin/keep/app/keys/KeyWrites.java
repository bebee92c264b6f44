package sovereign.munin.keep.app.keys;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyRow;

/**
 * The write steps every lifecycle change shares: new material goes to the key store first, the metadata commit
 * follows, and material whose metadata did not commit is removed again.
 */
final class KeyWrites {

  private final KeepInstance instance;
  private final SecureRandom rng;

  KeyWrites(KeepInstance instance, SecureRandom rng) {
    this.instance = instance;
    this.rng = rng;
  }

  KeyVersionRow newMaterial(String keyId, int version, KeyType type, VersionState state, long now) {
    KeyMaterial.Generated g = KeyMaterial.generate(type, rng);
    try (var priv = g.privateMaterial()) {
      KeyMaterial.Protected p = instance.seal().withRootKey(root ->
          KeyMaterial.protect(root, keyId, version, type, priv, rng));
      instance.keys().transaction(h -> {
        h.attach(KeyMaterialDao.class).insert(keyId, version, p.wrappedDataKey(), p.sealedPrivate(), now);
        return null;
      });
    }
    return VersionRows.created(keyId, version, state, g, now);
  }

  void committing(String keyId, int version, Runnable stateWrite) {
    try {
      stateWrite.run();
    } catch (RuntimeException e) {
      try {
        instance.keys().transaction(h -> h.attach(KeyMaterialDao.class).delete(keyId, version));
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  void audit(Handle h, String actor, String action, ManagedKeyRow key, Map<String, Object> details) {
    var all = new LinkedHashMap<String, Object>(details);
    all.put("keyId", key.id());
    instance.audit().record(h, AuditEvent.success(actor, action, "key:" + key.name(), all).inProject(key.project()));
  }
}
