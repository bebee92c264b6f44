package sovereign.munin.keep.app.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyUseWrites;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/**
 * The steps every key use shares: refuse while sealed, find the key as committed now, pick the version, open its
 * private material (kept opened in memory while unsealed), and record the use: the version's use counter, any
 * extra row and the audit event in one durable transaction, so concurrent uses share one group commit.
 */
final class KeyUse {

  private final KeepInstance instance;
  private final KeyCache cache;
  private final KeyDirectory directory;

  KeyUse(KeepInstance instance, ManagedKeys keys) {
    this.instance = instance;
    this.cache = keys.cache();
    this.directory = keys.directory();
  }

  KeepInstance instance() {
    return instance;
  }

  /** What a use needs the key to do. */
  enum Purpose {
    SIGN("sign"), ENCRYPT("encrypt"), MAC("compute MACs");

    private final String verb;

    Purpose(String verb) {
      this.verb = verb;
    }

    boolean servedBy(KeyType t) {
      return switch (this) {
        case SIGN -> t.signs();
        case ENCRYPT -> t.encrypts();
        case MAC -> t.macs();
      };
    }
  }

  /** The live key named {@code name} if it serves {@code purpose}; refuses while sealed. */
  StoredKey usable(String name, Purpose purpose) {
    if (instance.seal().isSealed()) {
      instance.seal().withRootKey(r -> null); // throws the standard "sealed" refusal
    }
    StoredKey k = directory.find(name);
    k.requireLive("use");
    if (!purpose.servedBy(k.type())) {
      throw KeepException.badInput("wrong-key-purpose", "key '" + name + "' is a " + k.type().id() + " key and "
          + "does not " + purpose.verb);
    }
    return k;
  }

  /**
   * A signing key for verification: live, archived or destroyed alike (its public keys stay), but only while the
   * instance is unsealed, like every key use.
   */
  StoredKey verifiable(String name) {
    if (instance.seal().isSealed()) {
      instance.seal().withRootKey(r -> null); // throws the standard "sealed" refusal
    }
    StoredKey k = directory.find(name);
    if (!k.type().signs()) {
      throw KeepException.badInput("wrong-key-purpose", "key '" + name + "' is a " + k.type().id() + " key and "
          + "does not sign");
    }
    return k;
  }

  /** The active version, or {@code version} if given (which must be the active one). */
  static KeyVersionRow active(StoredKey k, Integer version, String doing) {
    if (version != null) {
      KeyVersionRow v = k.requireVersion(version);
      if (VersionRows.state(v) != VersionState.ACTIVE) {
        throw new KeepException(KeepException.Kind.CONFLICT, "key-version-not-active", "cannot " + doing
            + " version " + version + " of key '" + k.key().name() + "': it is " + v.state());
      }
      return v;
    }
    return k.inState(VersionState.ACTIVE).orElseThrow(() -> new KeepException(KeepException.Kind.CONFLICT,
        "no-active-version", "key '" + k.key().name() + "' has no active version (revoked?); rotate it first"));
  }

  /** The version's private half, opened under the root key once per seal epoch. */
  UnwrappedKey open(StoredKey k, KeyVersionRow v) {
    return cache.get(k.key().id(), v.version(), instance.seal().epoch(), () -> {
      var row = instance.keys().read(h -> h.attach(KeyMaterialDao.class).find(k.key().id(), v.version()))
          .filter(m -> m.sealedPrivate() != null).orElseThrow(() -> new KeepException(KeepException.Kind.CONFLICT,
              "key-material-gone", "version " + v.version() + " of key '" + k.key().name() + "' has no material"));
      var p = new KeyMaterial.Protected(row.wrappedDataKey(), row.sealedPrivate());
      return KeyMaterial.usable(k.type(), v.publicKey(), instance.seal().withRootKey(root ->
          KeyMaterial.open(root, k.key().id(), v.version(), k.type(), p)));
    });
  }

  /** Counts the use on {@code v} (if any), runs {@code extra} and writes the audit event, in one transaction. */
  void record(StoredKey k, KeyVersionRow v, String action, String actor, boolean ok, Consumer<Handle> extra) {
    record(k, v, action, actor, ok, null, extra);
  }

  /** As above, naming in the event what the use covered ({@code over}: message, digest, ...), never the data. */
  void record(StoredKey k, KeyVersionRow v, String action, String actor, boolean ok, String over,
      Consumer<Handle> extra) {
    AuditEvent e = event(k, v, action, actor, ok, over);
    instance.state().transaction(h -> {
      if (v != null) {
        KeyUseWrites.countUse(h, k.key().id(), v.version());
      }
      extra.accept(h);
      instance.audit().record(h, e);
      return null;
    });
  }

  /** Audits a failed use in a transaction of its own; nothing is counted. */
  void recordFailure(StoredKey k, KeyVersionRow v, String action, String actor) {
    instance.audit().recordNow(event(k, v, action, actor, false, null));
  }

  private static AuditEvent event(StoredKey k, KeyVersionRow v, String action, String actor, boolean ok,
      String over) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("keyId", k.key().id());
    d.put("version", v == null ? 0L : (long) v.version());
    if (over != null && !over.equals("message")) {
      d.put("over", over);
    }
    var e = ok ? AuditEvent.success(actor, action, "key:" + k.key().name(), d)
        : AuditEvent.failure(actor, action, "key:" + k.key().name(), d);
    return e.inProject(k.key().project());
  }

  /** Lowercase hex SHA-256, as signature records, trust files and backup manifests name their contents. */
  static String sha256Hex(byte[] data) {
    return java.util.HexFormat.of().formatHex(sha256(data));
  }

  static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
