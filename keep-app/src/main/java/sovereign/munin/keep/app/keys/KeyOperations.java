package sovereign.munin.keep.app.keys;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.Signatures;
import sovereign.munin.keep.store.keys.KeyUseWrites;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/**
 * Uses of managed keys: sign, verify, encrypt, decrypt, export the public key. Every use is counted on its version
 * and audited (key, version, operation, caller; never the data) before it is answered. All refuse while the instance
 * is sealed.
 */
public final class KeyOperations {

  /** A signature and the version that made it. */
  public record Signature(String key, int version, String publicKeyId, String algorithm, byte[] signature,
      String signedAt) {}

  /** The outcome of a verification; {@code version} is null when no version matched. */
  public record Verification(boolean valid, Integer version, String reason) {}

  /**
   * A new AES-256 data key: in the clear (for the caller to encrypt data with, then forget) and encrypted under the
   * managed key (to store beside the data; {@code keep key decrypt} gives the data key back).
   */
  public record DataKey(byte[] plaintext, byte[] ciphertext) {
    @Override
    public String toString() {
      return "DataKey[plaintext redacted, ciphertext " + ciphertext.length + " bytes]";
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final KeepInstance instance;
  private final KeyUse use;
  private final SignatureJudgement judgement;

  public KeyOperations(KeepInstance instance, ManagedKeys keys) {
    this.instance = instance;
    this.use = new KeyUse(instance, keys);
    this.judgement = new SignatureJudgement(instance.state());
  }

  /** Signs with the active version, or with {@code version} if given (which must be the active one). */
  public Signature sign(String name, byte[] message, Integer version, String actor) {
    return sign(name, SignedInput.message(message), version, actor);
  }

  /**
   * Signs a message (with an optional ML-DSA context) or a digest of one; see {@link SignedInput}. An ML-DSA
   * digest is computed from one version's public key, so it needs {@code version}, which must be the active one.
   */
  public Signature sign(String name, SignedInput input, Integer version, String actor) {
    ManagedKeys.refuseReserved(name);
    return signAny(name, input, version, actor);
  }

  /** Signs with any key, reserved ones included; for the instance's own uses such as the trust file. */
  Signature signAny(String name, byte[] message, Integer version, String actor) {
    return signAny(name, SignedInput.message(message), version, actor);
  }

  private Signature signAny(String name, SignedInput input, Integer version, String actor) {
    StoredKey k = use.usable(name, KeyUse.Purpose.SIGN);
    var alg = k.type().signatureAlgorithm();
    input.check(alg, name);
    if (version == null && input.versionBound(alg)) {
      throw KeepException.badInput("version-required", "an " + alg.id() + " digest (mu) is computed from one "
          + "version's public key: name that version (\"version\"), the active one");
    }
    KeyVersionRow v = KeyUse.active(k, version, "sign with");
    var signer = ((UnwrappedKey.Signing) use.open(k, v)).signer();
    byte[] sig;
    try {
      sig = input.isDigest() ? signer.signDigest(input.digest()) : signer.sign(input.message(), input.context());
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "sign-failed", "signing failed: " + e.getMessage(), e);
    }
    long now = instance.clock().millis();
    String hash = KeyUse.sha256Hex(sig);
    use.record(k, v, "key.sign", actor, true, input.kind(), h -> KeyUseWrites.insertSignature(h, hash,
        k.key().id(), v.version(), now));
    return new Signature(k.key().name(), v.version(), v.publicKeyId(), k.type().id(), sig, KeyView.time(now));
  }

  /** Checks a signature against the key's versions that still verify; see {@link Verification}. */
  public Verification verify(String name, byte[] message, byte[] signature, String actor) {
    return verify(name, SignedInput.message(message), signature, null, actor);
  }

  /**
   * Checks a signature over a message (and context) or a digest against the key's versions that still verify, or
   * only against {@code version} when given; an ML-DSA digest names its version.
   */
  public Verification verify(String name, SignedInput input, byte[] signature, Integer version, String actor) {
    // Archived and destroyed keys still verify: what they signed while active stays checkable.
    StoredKey k = use.verifiable(name);
    var alg = k.type().signatureAlgorithm();
    input.check(alg, name);
    if (version == null && input.versionBound(alg)) {
      throw KeepException.badInput("version-required", "an " + alg.id() + " digest (mu) is computed from one "
          + "version's public key: name the version (\"version\") it was computed for");
    }
    if (version != null) {
      k.requireVersion(version);
    }
    Verification result = judgement.judge(k, input, signature, version);
    Integer counted = result.version();
    use.record(k, counted == null ? null : k.requireVersion(counted), "key.verify", actor, result.valid(),
        input.kind(), h -> { });
    return result;
  }

  public byte[] encrypt(String name, byte[] plaintext, String actor) {
    return encrypt(name, plaintext, null, actor);
  }

  /**
   * Encrypts under the active version, binding {@code associatedData} (optional, at most 4 KiB) into the
   * ciphertext: decrypting then needs the same bytes.
   */
  public byte[] encrypt(String name, byte[] plaintext, byte[] associatedData, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = use.usable(name, KeyUse.Purpose.ENCRYPT);
    KeyVersionRow v = KeyUse.active(k, null, "encrypt with");
    byte[] aad = KeyCiphertext.aad(k.key().id(), v.version(), associatedData);
    byte[] body;
    try {
      body = k.type() == KeyType.AES_256_GCM
          ? Aead.seal(((UnwrappedKey.Symmetric) use.open(k, v)).key(), plaintext, aad)
          : HybridEncryption.encrypt(HybridPublicKey.parse(v.publicKey()), plaintext, aad);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "encrypt-failed", "encryption failed: "
          + e.getMessage(), e);
    }
    use.record(k, v, "key.encrypt", actor, true, h -> { });
    return new KeyCiphertext(v.version(), body).encode();
  }

  public byte[] decrypt(String name, byte[] ciphertext, String actor) {
    return decrypt(name, ciphertext, null, actor);
  }

  /** Decrypts with the version that made the ciphertext and the associated data it was made with. */
  public byte[] decrypt(String name, byte[] ciphertext, byte[] associatedData, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = use.usable(name, KeyUse.Purpose.ENCRYPT);
    KeyCiphertext c = KeyCiphertext.parse(ciphertext);
    KeyVersionRow v = k.version(c.version()).orElseThrow(() -> KeepException.badInput("decrypt-failed",
        "this ciphertext was not made by key '" + name + "' (it names version " + c.version() + ")"));
    if (!VersionRows.state(v).decrypts()) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-version-not-usable", "version " + v.version()
          + " of key '" + name + "' is " + v.state() + " and no longer decrypts");
    }
    int floor = decryptionFloor(k);
    if (v.version() < floor) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-version-closed", "version " + v.version()
          + " of key '" + name + "' is below the key's lowest decrypting version (" + floor + "), which its owner "
          + "set; it still verifies but no longer decrypts");
    }
    byte[] aad = KeyCiphertext.aad(k.key().id(), v.version(), associatedData);
    try {
      UnwrappedKey key = use.open(k, v);
      byte[] plain = key instanceof UnwrappedKey.Symmetric s ? Aead.open(s.key(), c.body(), aad)
          : HybridEncryption.decrypt(((UnwrappedKey.Hybrid) key).key(), c.body(), aad);
      use.record(k, v, "key.decrypt", actor, true, h -> { });
      return plain;
    } catch (KeepCryptoException e) {
      use.recordFailure(k, v, "key.decrypt", actor);
      throw KeepException.badInput("decrypt-failed", "decryption failed: wrong key, or the ciphertext was altered "
          + "or truncated");
    }
  }

  /**
   * Decrypts {@code ciphertext} with whichever version made it and encrypts the plaintext again under the active
   * version, in one call: the plaintext never leaves the server. Audited as {@code key.rewrap}.
   */
  public byte[] rewrap(String name, byte[] ciphertext, String actor) {
    return rewrap(name, ciphertext, null, actor);
  }

  /** As {@link #rewrap(String, byte[], String)}, for a ciphertext bound to {@code associatedData} (kept bound). */
  public byte[] rewrap(String name, byte[] ciphertext, byte[] associatedData, String actor) {
    byte[] plain = decrypt(name, ciphertext, associatedData, actor);
    try {
      return encrypt(name, plain, associatedData, actor);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  /** The most data one MAC call covers, as for a message to sign. */
  public static final int MAX_MAC_INPUT = 512 * 1024;

  /**
   * HMAC-SHA-256 of {@code data} under the active version of the MAC key {@code name}: {@code 0x01 || version
   * (4 bytes, big-endian) || the 32-byte HMAC}, so the MAC names the version that checks it after a rotation.
   */
  public byte[] mac(String name, byte[] data, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = use.usable(name, KeyUse.Purpose.MAC);
    KeyVersionRow v = KeyUse.active(k, null, "compute a MAC with");
    byte[] tag = hmac(((UnwrappedKey.Symmetric) use.open(k, v)).key(), data);
    use.record(k, v, "key.mac", actor, true, h -> { });
    return java.nio.ByteBuffer.allocate(KeyCiphertext.HEADER + tag.length).put(KeyCiphertext.FORMAT_1)
        .putInt(v.version()).put(tag).array();
  }

  /**
   * Checks a MAC made by {@link #mac} with the version it names, in constant time. A version that no longer
   * decrypts (archived, or below the owner's floor) no longer checks MACs either: answered as invalid, with why.
   */
  public Verification verifyMac(String name, byte[] data, byte[] mac, String actor) {
    ManagedKeys.refuseReserved(name);
    StoredKey k = use.usable(name, KeyUse.Purpose.MAC);
    if (mac == null || mac.length != KeyCiphertext.HEADER + 32 || mac[0] != KeyCiphertext.FORMAT_1) {
      throw KeepException.badInput("mac-malformed", "not a Munin Keep MAC (expected 37 bytes: format 0x01, the "
          + "version, the HMAC-SHA-256)");
    }
    int version = java.nio.ByteBuffer.wrap(mac, 1, 4).getInt();
    var found = k.version(version);
    if (found.isEmpty()) {
      use.record(k, null, "key.mac-verify", actor, false, h -> { });
      return new Verification(false, null, "the MAC names version " + version + ", which key '" + name
          + "' does not have");
    }
    KeyVersionRow v = found.get();
    if (!VersionRows.state(v).decrypts() || v.version() < decryptionFloor(k)) {
      use.record(k, v, "key.mac-verify", actor, false, h -> { });
      return new Verification(false, v.version(), "version " + v.version() + " of key '" + name + "' is "
          + v.state() + " and no longer checks MACs");
    }
    byte[] expected = hmac(((UnwrappedKey.Symmetric) use.open(k, v)).key(), data);
    boolean ok = java.security.MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(mac,
        KeyCiphertext.HEADER, mac.length));
    use.record(k, v, "key.mac-verify", actor, ok, h -> { });
    return new Verification(ok, v.version(), ok ? "valid MAC by version " + v.version()
        : "the MAC does not match the data");
  }

  private static byte[] hmac(sovereign.munin.keep.crypto.SecretBytes key, byte[] data) {
    if (data == null || data.length > MAX_MAC_INPUT) {
      throw KeepException.badInput("mac-input-too-large", "a MAC covers at most " + MAX_MAC_INPUT + " bytes");
    }
    byte[] raw = key.copyBytes();
    try {
      javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
      m.init(new javax.crypto.spec.SecretKeySpec(raw, "HmacSHA256"));
      return m.doFinal(data);
    } catch (java.security.GeneralSecurityException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "mac-failed", "HMAC-SHA-256 failed: " + e.getMessage(),
          e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private int decryptionFloor(StoredKey k) {
    return instance.state().read(h -> h.attach(sovereign.munin.keep.store.keys.ManagedKeyDao.class)
        .decryptionFloor(k.key().id())).orElse(0);
  }

  /**
   * Makes a 256-bit data key and encrypts it under the active version of {@code name} (bound to
   * {@code associatedData} when given); envelope encryption without sending the data itself. Audited as an
   * encryption.
   */
  public DataKey dataKey(String name, byte[] associatedData, String actor) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new DataKey(key, encrypt(name, key, associatedData, actor));
  }

  /** The key's public keys as a JWK Set (RFC 7517): versions published ahead, in service or still verifying. */
  public java.util.Map<String, Object> jwks(String name) {
    return KeyJwks.of(StoredKey.load(instance.state(), name));
  }

  /** The PEM public key of {@code version}, or of the active version. */
  public String exportPublic(String name, Integer version) {
    StoredKey k = StoredKey.load(instance.state(), name);
    if (k.type().symmetric()) {
      throw KeepException.badInput("no-public-key", "key '" + name + "' is symmetric and has no public key");
    }
    // Without a version, only the active one: a key with none active (revoked, archived) is exported only by
    // naming the version, so nobody picks up a compromised public key by accident.
    KeyVersionRow v = version != null ? k.requireVersion(version) : k.inState(VersionState.ACTIVE)
        .orElseThrow(() -> new KeepException(KeepException.Kind.CONFLICT, "no-active-version", "key '" + name
            + "' has no active version (" + k.versions().stream().map(x -> x.version() + ": " + x.state())
            .collect(java.util.stream.Collectors.joining(", ")) + "); name one with --version N to export it "
            + "deliberately"));
    try {
      return k.type().signs() ? Pem.publicKey(Signatures.parsePublicKey(v.publicKey()))
          : HybridPublicKey.parse(v.publicKey()).toPem();
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "public-key-corrupt", e.getMessage(), e);
    }
  }
}
