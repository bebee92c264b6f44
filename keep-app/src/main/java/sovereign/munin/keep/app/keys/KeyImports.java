package sovereign.munin.keep.app.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.governance.RotationPolicy;
import sovereign.munin.keep.store.keys.KeyImportDao;
import sovereign.munin.keep.store.keys.KeyImportRow;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.ManagedKeyDao;
import sovereign.munin.keep.store.keys.ManagedKeyRow;

/**
 * Bring your own key: outside key material becomes a managed key only with two people. The material travels
 * encrypted to the instance's import key (the reserved hybrid key {@code _import-wrap}), bound to the key's name
 * and type; the server opens and checks it, seals it under the root key at once and records the request
 * ({@code key.import-request}). A second person who manages keys in the project approves it within seven days
 * ({@code key.import}, naming both); until then nothing can use it. The key keeps the id it was given at the
 * request, so what was checked is what is approved.
 */
public final class KeyImports {

  /** The reserved hybrid key that import material is encrypted to. */
  public static final String WRAP_KEY = "_import-wrap";
  /** How long a request waits for its second person. */
  public static final Duration REQUEST_LIFETIME = Duration.ofDays(7);
  private static final int MAX_WRAPPED = 64 * 1024;

  /** The instance's import key: its version, key id and PEM public key. */
  public record WrappingKey(int version, String keyId, String pem) {}

  /** A request waiting for approval; no material, only what approvers need to judge it. */
  public record Pending(String name, String project, String type, String purpose, String publicKeyId,
      String requestedBy, String requestedAt, String expiresAt) {}

  private final KeepInstance instance;
  private final ManagedKeys keys;
  private final KeyUse use;
  private final KeyWrites writes;
  private final SecureRandom rng;

  public KeyImports(KeepInstance instance, ManagedKeys keys, SecureRandom rng) {
    this.instance = instance;
    this.keys = keys;
    this.use = new KeyUse(instance, keys);
    this.writes = new KeyWrites(instance, rng);
    this.rng = rng;
  }

  /** The associated data an import is encrypted with: it binds the material to the key's name and type. */
  public static byte[] aad(String name, String type) {
    return ("munin-keep key import v1|" + name + "|" + type).getBytes(StandardCharsets.UTF_8);
  }

  /** The import key's public half, made on first use. */
  public WrappingKey wrappingKey(String actor) {
    if (keys.list().stream().noneMatch(k -> k.name().equals(WRAP_KEY))) {
      try {
        keys.createChecked(WRAP_KEY, "_instance", "key import wrapping", KeyType.ML_KEM_768_X25519.id(),
            new RotationPolicy(0, 0, 0), actor);
      } catch (KeepException e) {
        if (!e.type().equals("key-exists")) {
          throw e; // another node made it meanwhile: use theirs
        }
      }
    }
    StoredKey k = StoredKey.load(instance.state(), WRAP_KEY);
    var v = KeyUse.active(k, null, "import with");
    try {
      return new WrappingKey(v.version(), v.publicKeyId(), HybridPublicKey.parse(v.publicKey()).toPem());
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "public-key-corrupt", e.getMessage(), e);
    }
  }

  /**
   * Records a request to import {@code wrapped} (the material encrypted to version {@code wrappingVersion} of the
   * import key, with {@link #aad}) as key {@code name}: checked now, usable after a second person's approval.
   */
  public Pending request(String name, String project, String purpose, String type, RotationPolicy policy,
      byte[] publicKey, byte[] wrapped, int wrappingVersion, String actor) {
    ManagedKeys.checkName(name);
    String proj = ManagedKeys.requireText("project", project);
    KeyType kt = KeyType.fromId(type);
    String purp = purpose == null || purpose.isBlank() ? kt.defaultPurpose() : ManagedKeys.requireText("purpose",
        purpose);
    RotationPolicy pol = policy == null ? RotationPolicy.DEFAULT : policy;
    if (wrapped == null || wrapped.length == 0 || wrapped.length > MAX_WRAPPED) {
      throw KeepException.badInput("missing-field", "the body needs \"wrappedMaterial\" (base64, at most "
          + MAX_WRAPPED + " bytes)");
    }
    refuseTaken(name);
    long now = instance.clock().millis();
    KeyMaterial.Generated g;
    try (SecretBytes material = unwrap(name, kt, wrapped, wrappingVersion)) {
      g = KeyMaterial.imported(kt, publicKey, material);
    }
    String keyId = UUID.randomUUID().toString();
    try (var priv = g.privateMaterial()) {
      KeyMaterial.Protected p = instance.seal().withRootKey(root -> KeyMaterial.protect(root, keyId, 1, kt, priv,
          rng));
      instance.keys().transaction(h -> {
        h.attach(KeyMaterialDao.class).insert(keyId, 1, p.wrappedDataKey(), p.sealedPrivate(), now);
        return null;
      });
    }
    KeyImportRow row = new KeyImportRow(name, keyId, proj, purp, kt.id(), g.publicKey(), g.publicKeyId(),
        pol.rotationDays(), pol.publishDays(), pol.overlapDays(), actor, now);
    writes.committing(keyId, 1, () -> instance.state().transaction(h -> {
      h.attach(KeyImportDao.class).insert(row);
      audit(h, actor, "key.import-request", row, Map.of());
      return null;
    }));
    return view(row);
  }

  /** The requests still waiting; expired ones are removed on the way. */
  public List<Pending> pending() {
    long now = instance.clock().millis();
    List<KeyImportRow> rows = instance.state().read(h -> h.attach(KeyImportDao.class).list());
    rows.stream().filter(r -> expired(r, now)).forEach(this::drop);
    return rows.stream().filter(r -> !expired(r, now)).map(this::view).toList();
  }

  /** The project of the waiting request for {@code name}, for authorisation; empty when there is none. */
  public Optional<String> projectOf(String name) {
    long now = instance.clock().millis();
    return find(name).filter(r -> !expired(r, now)).map(KeyImportRow::project);
  }

  /**
   * A second person approves the import of {@code name}: the key is made, with the id and material checked at
   * the request, active as version 1. The requester cannot approve their own request.
   */
  public KeyView approve(String name, String actor) {
    long now = instance.clock().millis();
    KeyImportRow row = find(name).filter(r -> !expired(r, now)).orElseThrow(() -> new KeepException(
        KeepException.Kind.NOT_FOUND, "import-not-found", "no import of a key named '" + name + "' is waiting "
            + "('keep key import list' shows those that are; a request lapses after 7 days)"));
    if (row.requestedBy().equals(actor)) {
      throw new KeepException(KeepException.Kind.CONFLICT, "second-person-required", "you asked to import key '"
          + name + "'; another person who manages keys in project '" + row.project() + "' must approve it ('keep "
          + "key import approve " + name + "')");
    }
    KeyType kt = KeyType.fromId(row.keyType());
    var key = new ManagedKeyRow(row.keyId(), row.name(), row.project(), row.purpose(), kt.id(), "active",
        row.rotationDays(), row.publishDays(), row.overlapDays(), now);
    var v1 = VersionRows.created(row.keyId(), 1, VersionState.ACTIVE, new KeyMaterial.Generated(row.publicKey(),
        row.publicKeyId(), null), now);
    instance.state().transaction(h -> {
      if (h.attach(KeyImportDao.class).delete(row.name(), row.keyId()) != 1) {
        throw new KeepException(KeepException.Kind.CONFLICT, "import-changed", "the import of '" + name + "' was "
            + "approved or withdrawn meanwhile");
      }
      var dao = h.attach(ManagedKeyDao.class);
      if (dao.findKey(name).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "key-exists", "a key named '" + name + "' exists");
      }
      dao.insertKey(key);
      dao.insertVersion(v1);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("requestedBy", row.requestedBy());
      d.put("version", 1L);
      audit(h, actor, "key.import", row, d);
      return null;
    });
    return keys.show(name);
  }

  private SecretBytes unwrap(String name, KeyType kt, byte[] wrapped, int wrappingVersion) {
    StoredKey k = StoredKey.load(instance.state(), WRAP_KEY);
    var v = k.version(wrappingVersion).filter(x -> VersionRows.state(x).decrypts()).orElseThrow(() ->
        KeepException.badInput("import-unwrap-failed", "the material is encrypted to version " + wrappingVersion
            + " of the import key, which does not decrypt; fetch the import key again"));
    var priv = ((UnwrappedKey.Hybrid) use.open(k, v)).key();
    try {
      byte[] plain = HybridEncryption.decrypt(priv, wrapped, aad(name, kt.id()));
      try {
        return SecretBytes.copyOf(plain);
      } finally {
        java.util.Arrays.fill(plain, (byte) 0);
      }
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("import-unwrap-failed", "the material does not open with the import key for "
          + "a " + kt.id() + " key named '" + name + "' (encrypted for another name, type or instance?)");
    }
  }

  private void refuseTaken(String name) {
    if (instance.state().read(h -> h.attach(ManagedKeyDao.class).findKey(name)).isPresent()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-exists", "a key named '" + name + "' exists");
    }
    long now = instance.clock().millis();
    Optional<KeyImportRow> waiting = find(name);
    if (waiting.isPresent() && !expired(waiting.get(), now)) {
      throw new KeepException(KeepException.Kind.CONFLICT, "import-pending", "an import of '" + name + "' by "
          + waiting.get().requestedBy() + " is waiting for approval");
    }
    waiting.ifPresent(this::drop);
  }

  private Optional<KeyImportRow> find(String name) {
    return instance.state().read(h -> h.attach(KeyImportDao.class).find(name));
  }

  private static boolean expired(KeyImportRow r, long now) {
    return now - r.requestedAt() >= REQUEST_LIFETIME.toMillis();
  }

  // A lapsed request: its row, then its sealed material.
  private void drop(KeyImportRow r) {
    boolean removed = instance.state().transaction(h -> {
      boolean gone = h.attach(KeyImportDao.class).delete(r.name(), r.keyId()) == 1;
      if (gone) {
        audit(h, "system", "key.import-lapsed", r, Map.of());
      }
      return gone;
    });
    if (removed) {
      instance.keys().transaction(h -> h.attach(KeyMaterialDao.class).delete(r.keyId(), 1));
    }
  }

  private void audit(org.jdbi.v3.core.Handle h, String actor, String action, KeyImportRow r,
      Map<String, Object> extra) {
    Map<String, Object> d = new LinkedHashMap<>(extra);
    d.put("type", r.keyType());
    if (r.publicKeyId() != null) {
      d.put("publicKeyId", r.publicKeyId());
    }
    writes.audit(h, actor, action, new ManagedKeyRow(r.keyId(), r.name(), r.project(), r.purpose(), r.keyType(),
        "pending", r.rotationDays(), r.publishDays(), r.overlapDays(), r.requestedAt()), d);
  }

  private Pending view(KeyImportRow r) {
    return new Pending(r.name(), r.project(), r.keyType(), r.purpose(), r.publicKeyId(), r.requestedBy(),
        KeyView.time(r.requestedAt()), KeyView.time(r.requestedAt() + REQUEST_LIFETIME.toMillis()));
  }
}
