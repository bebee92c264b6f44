package sovereign.munin.keep.app.keys;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.Signatures;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/**
 * Uses of managed keys: sign, verify, encrypt, decrypt, export the public key. Every use is counted on its version
 * and audited (key, version, operation, caller; never the data). All refuse while the instance is sealed.
 */
public final class KeyOperations {

  /** A signature and the version that made it. */
  public record Signature(String key, int version, String publicKeyId, String algorithm, byte[] signature,
      String signedAt) {}

  /** The outcome of a verification; {@code version} is null when no version matched. */
  public record Verification(boolean valid, Integer version, String reason) {}

  private final KeepInstance instance;
  private final KeyCache cache;

  public KeyOperations(KeepInstance instance, ManagedKeys keys) {
    this.instance = instance;
    this.cache = keys.cache();
  }

  /** Signs with the active version, or with {@code version} if given (which must be the active one). */
  public Signature sign(String name, byte[] message, Integer version, String actor) {
    ManagedKeys.refuseReserved(name);
    return signAny(name, message, version, actor);
  }

  /** Signs with any key, reserved ones included; for the instance's own uses such as the trust file. */
  Signature signAny(String name, byte[] message, Integer version, String actor) {
    StoredKey k = usable(name, true);
    KeyVersionRow v = active(k, version, "sign with");
    var signer = ((UnwrappedKey.Signing) open(k, v)).signer();
    byte[] sig;
    try {
      sig = signer.sign(message);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "sign-failed", "signing failed: " + e.getMessage(), e);
    }
    long now = instance.clock().millis();
    String hash = HexFormat.of().formatHex(sha256(sig));
    record(k, v, "key.sign", actor, true, h -> h.attach(ManagedKeyDao.class).insertSignature(hash, k.key().id(),
        v.version(), now));
    return new Signature(k.key().name(), v.version(), v.publicKeyId(), k.type().id(), sig, KeyView.time(now));
  }

  /** Checks a signature against the key's versions that still verify; see {@link Verification}. */
  public Verification verify(String name, byte[] message, byte[] signature, String actor) {
    StoredKey k = usable(name, true);
    Verification result = new Verification(false, null, "the signature matches no version of key '" + name + "'");
    for (KeyVersionRow v : k.versions()) {
      if (v.publicKey() != null && matches(k, v, message, signature)) {
        result = judge(k, v, signature);
        break;
      }
    }
    Integer counted = result.version();
    record(k, counted == null ? null : k.requireVersion(counted), "key.verify", actor, result.valid(), h -> { });
    return result;
  }

  public byte[] encrypt(String name, byte[] plaintext, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = usable(name, false);
    KeyVersionRow v = active(k, null, "encrypt with");
    byte[] aad = KeyCiphertext.aad(k.key().id(), v.version());
    byte[] body;
    try {
      body = k.type() == KeyType.AES_256_GCM
          ? Aead.seal(((UnwrappedKey.Symmetric) open(k, v)).key(), plaintext, aad)
          : HybridEncryption.encrypt(HybridPublicKey.parse(v.publicKey()), plaintext, aad);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "encrypt-failed", "encryption failed: "
          + e.getMessage(), e);
    }
    record(k, v, "key.encrypt", actor, true, h -> { });
    return new KeyCiphertext(v.version(), body).encode();
  }

  public byte[] decrypt(String name, byte[] ciphertext, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = usable(name, false);
    KeyCiphertext c = KeyCiphertext.parse(ciphertext);
    KeyVersionRow v = k.version(c.version()).orElseThrow(() -> KeepException.badInput("decrypt-failed",
        "this ciphertext was not made by key '" + name + "' (it names version " + c.version() + ")"));
    if (!VersionRows.state(v).verifies()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-version-not-usable", "version " + v.version()
          + " of key '" + name + "' is " + v.state() + " and no longer decrypts");
    }
    byte[] aad = KeyCiphertext.aad(k.key().id(), v.version());
    try {
      UnwrappedKey key = open(k, v);
      byte[] plain = key instanceof UnwrappedKey.Symmetric s ? Aead.open(s.key(), c.body(), aad)
          : HybridEncryption.decrypt(((UnwrappedKey.Hybrid) key).key(), c.body(), aad);
      record(k, v, "key.decrypt", actor, true, h -> { });
      return plain;
    } catch (KeepCryptoException e) {
      instance.audit().recordNow(event(k, v, "key.decrypt", actor, false));
      throw KeepException.badInput("decrypt-failed", "decryption failed: wrong key, or the ciphertext was altered "
          + "or truncated");
    }
  }

  /** The PEM public key of {@code version}, or of the active (else newest) version. */
  public String exportPublic(String name, Integer version) {
    StoredKey k = StoredKey.load(instance.state(), name);
    if (k.type() == KeyType.AES_256_GCM) {
      throw KeepException.badInput("no-public-key", "key '" + name + "' is symmetric and has no public key");
    }
    KeyVersionRow v = version != null ? k.requireVersion(version) : k.inState(VersionState.ACTIVE)
        .orElseGet(() -> k.versions().getLast());
    try {
      return k.type().signs() ? Pem.publicKey(Signatures.parsePublicKey(v.publicKey()))
          : HybridPublicKey.parse(v.publicKey()).toPem();
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "public-key-corrupt", e.getMessage(), e);
    }
  }

  private StoredKey usable(String name, boolean signing) {
    if (instance.seal().isSealed()) {
      instance.seal().withRootKey(r -> null); // throws the standard "sealed" refusal
    }
    StoredKey k = StoredKey.load(instance.state(), name);
    k.requireLive("use");
    if (k.type().signs() != signing) {
      throw KeepException.badInput("wrong-key-purpose", "key '" + name + "' is a " + k.type().id() + " key and "
          + (signing ? "does not sign" : "does not encrypt"));
    }
    return k;
  }

  private static KeyVersionRow active(StoredKey k, Integer version, String doing) {
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

  private UnwrappedKey open(StoredKey k, KeyVersionRow v) {
    return cache.get(k.key().id(), v.version(), instance.seal().epoch(), () -> {
      var row = instance.keys().read(h -> h.attach(KeyMaterialDao.class).find(k.key().id(), v.version()))
          .filter(m -> m.sealedPrivate() != null).orElseThrow(() -> new KeepException(KeepException.Kind.CONFLICT,
              "key-material-gone", "version " + v.version() + " of key '" + k.key().name() + "' has no material"));
      var p = new KeyMaterial.Protected(row.wrappedDataKey(), row.sealedPrivate());
      return KeyMaterial.usable(k.type(), v.publicKey(), instance.seal().withRootKey(root ->
          KeyMaterial.open(root, k.key().id(), v.version(), k.type(), p)));
    });
  }

  private static boolean matches(StoredKey k, KeyVersionRow v, byte[] message, byte[] signature) {
    try {
      return Signatures.verifier(k.type().signatureAlgorithm(), Signatures.parsePublicKey(v.publicKey()))
          .verify(message, signature);
    } catch (KeepCryptoException e) {
      return false;
    }
  }

  /** A signature that matches {@code v}: valid while the version verifies, or if made here before a compromise. */
  private Verification judge(StoredKey k, KeyVersionRow v, byte[] signature) {
    VersionState st = VersionRows.state(v);
    if (st == VersionState.COMPROMISED) {
      String hash = HexFormat.of().formatHex(sha256(signature));
      Optional<Long> signedAt = instance.state().read(h -> h.attach(ManagedKeyDao.class).signedAt(hash,
          k.key().id(), v.version()));
      if (signedAt.isPresent() && signedAt.get() < v.compromisedAt()) {
        return new Verification(true, v.version(), "made by this instance at " + KeyView.time(signedAt.get())
            + ", before the compromise at " + KeyView.time(v.compromisedAt()));
      }
      return new Verification(false, v.version(), "version " + v.version() + " was compromised at "
          + KeyView.time(v.compromisedAt()) + " and this signature is not known to predate it");
    }
    if (!st.verifies()) {
      return new Verification(false, v.version(), "version " + v.version() + " is " + v.state());
    }
    return new Verification(true, v.version(), "valid signature by version " + v.version());
  }

  private void record(StoredKey k, KeyVersionRow v, String action, String actor, boolean ok,
      java.util.function.Consumer<org.jdbi.v3.core.Handle> extra) {
    instance.state().transaction(h -> {
      if (v != null) {
        h.attach(ManagedKeyDao.class).countUse(k.key().id(), v.version());
      }
      extra.accept(h);
      instance.audit().record(h, event(k, v, action, actor, ok));
      return null;
    });
  }

  private static AuditEvent event(StoredKey k, KeyVersionRow v, String action, String actor, boolean ok) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("keyId", k.key().id());
    d.put("version", v == null ? 0L : (long) v.version());
    var e = ok ? AuditEvent.success(actor, action, "key:" + k.key().name(), d)
        : AuditEvent.failure(actor, action, "key:" + k.key().name(), d);
    return e.inProject(k.key().project());
  }

  private static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
