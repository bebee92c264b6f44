package sovereign.munin.keep.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestCallers;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridKeyPair;

/** Keys you can rely on, on one database engine: restores that decrypt, two-person destruction, the root of trust. */
abstract class KeyHardeningContract {

  private static final byte[] SECRET = "wire transfer batch 2026-12".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path base;

  protected abstract KeepInstance newDevInstance(Path base);

  private record Parts(ManagedKeys keys, KeyOperations ops, KeyBackups backups) {}

  private static Parts parts(KeepInstance i) {
    var keys = new ManagedKeys(i, new SecureRandom());
    var ops = new KeyOperations(i, keys);
    return new Parts(keys, ops, new KeyBackups(i, keys, ops, new TrustFiles(i, keys, ops), new SecureRandom()));
  }

  @Test
  void restore_dataEncryptedBeforeTheBackup_decryptsAfterTheRestore() throws Exception {
    List<HybridKeyPair> custodians = List.of(HybridEncryption.generateKeyPair(new SecureRandom()),
        HybridEncryption.generateKeyPair(new SecureRandom()));
    Path usb = base.resolve("usb");
    byte[] symmetric;
    byte[] hybrid;
    byte[] mac;
    try (KeepInstance a = newDevInstance(base.resolve("a"))) {
      Parts p = parts(a);
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      p.keys().create("inbox", "p", null, "ml-kem-768-x25519", null, "t");
      p.keys().create("tagger", "p", null, "hmac-sha256", null, "t");
      symmetric = p.ops().encrypt("box", SECRET, "t");
      hybrid = p.ops().encrypt("inbox", SECRET, "t");
      mac = p.ops().mac("tagger", SECRET, "t");
      BackupFiles.write(usb, p.backups().backup(custodians.stream().map(HybridKeyPair::publicKey).toList(), 2,
          "t"));
    }
    var opened = BackupReader.open(BackupFiles.read(usb), custodians.stream().map(HybridKeyPair::privateKey)
        .toList(), null);
    assertThat(opened.probesDecrypted()).as("the drill decrypts a ciphertext made before the backup").isEqualTo(2);
    try (KeepInstance b = newDevInstance(base.resolve("b"))) {
      TestCallers.projectOwner(b, "p");
      new KeyRestore(b, new SecureRandom()).restore(opened.payload(), "t");
      Parts p = parts(b);
      assertThat(p.ops().decrypt("box", symmetric, "t")).isEqualTo(SECRET);
      assertThat(p.ops().decrypt("inbox", hybrid, "t")).isEqualTo(SECRET);
      assertThat(p.ops().verifyMac("tagger", SECRET, mac, "t").valid()).as("a MAC made before the backup").isTrue();
    }
  }

  @Test
  void restore_aKeyGivenAnotherIdentity_isRefusedBeforeAnythingIsWritten() throws Exception {
    List<HybridKeyPair> custodians = List.of(HybridEncryption.generateKeyPair(new SecureRandom()),
        HybridEncryption.generateKeyPair(new SecureRandom()));
    Path usb = base.resolve("usb");
    try (KeepInstance a = newDevInstance(base.resolve("a"))) {
      Parts p = parts(a);
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      BackupFiles.write(usb, p.backups().backup(custodians.stream().map(HybridKeyPair::publicKey).toList(), 2,
          "t"));
    }
    var opened = BackupReader.open(BackupFiles.read(usb), custodians.stream().map(HybridKeyPair::privateKey)
        .toList(), null);
    ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(opened.payload().toString());
    payload.withArray("keys").forEach(k -> {
      if (k.path("name").asText().equals("box")) {
        ((ObjectNode) k).put("id", "00000000-0000-0000-0000-000000000000");
      }
    });
    try (KeepInstance b = newDevInstance(base.resolve("b"))) {
      TestCallers.projectOwner(b, "p");
      assertThatThrownBy(() -> new KeyRestore(b, new SecureRandom()).restore(payload, "t"))
          .isInstanceOf(KeepException.class).hasMessageContaining("would not decrypt after a restore");
      assertThat(parts(b).keys().list()).noneMatch(k -> k.name().equals("box"));
    }
  }

  @Test
  void destroy_wholeKey_needsArchiveFirstThenASecondPerson() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("old", "p", null, "ed25519", null, "t");
      assertThatThrownBy(() -> p.keys().destroy("old", null, "user:alice"))
          .hasMessageContaining("archive it first");
      p.keys().archive("old", null, "user:alice");
      assertThat(p.keys().destroy("old", null, "user:alice").status()).isEqualTo("archived");
      assertThat(p.keys().destructionRequestedBy("old")).contains("user:alice");
      assertThatThrownBy(() -> p.keys().destroy("old", null, "user:alice"))
          .hasMessageContaining("another person");
      assertThat(p.keys().destroy("old", null, "user:bob").status()).isEqualTo("destroyed");
      assertThat(p.keys().destructionRequestedBy("old")).isEmpty();
      assertThat(p.keys().destroy("old", null, "user:carol").status()).as("again: harmless").isEqualTo("destroyed");
    }
  }

  @Test
  void exportPublic_noActiveVersion_isRefusedUnlessAVersionIsNamed() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("release", "p", null, "ed25519", null, "t");
      p.keys().revoke("release", null, Instant.now().minusSeconds(60), "laptop stolen", "t");
      assertThatThrownBy(() -> p.ops().exportPublic("release", null)).isInstanceOf(KeepException.class)
          .hasMessageContaining("no active version").hasMessageContaining("1: compromised");
      assertThat(p.ops().exportPublic("release", 1)).startsWith("-----BEGIN PUBLIC KEY-----");
    }
  }

  @Test
  void trustRoot_canBeRotatedAndRevoked_butNeitherArchivedNorDestroyed() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      TrustFiles trust = new TrustFiles(i, p.keys(), p.ops());
      trust.ensureRoot("t");
      String before = trust.rootPublicKey();
      assertThat(p.keys().rotate(TrustFiles.ROOT_KEY, "t").activeVersion()).isEqualTo(2);
      assertThat(trust.rootPublicKey()).isNotEqualTo(before);
      p.keys().revoke(TrustFiles.ROOT_KEY, 1, Instant.now().minusSeconds(5), "custodian laptop lost", "t");
      assertThat(p.keys().show(TrustFiles.ROOT_KEY).versions().getFirst().state()).isEqualTo("compromised");
      assertThatThrownBy(() -> p.keys().archive(TrustFiles.ROOT_KEY, null, "t")).hasMessageContaining("instance");
      assertThatThrownBy(() -> p.keys().destroy(TrustFiles.ROOT_KEY, null, "t")).hasMessageContaining("instance");
    }
  }

  @Test
  void oldVersions_afterTheOverlap_stillVerifyOnlineAndOffline_andStillDecryptUntilArchived() throws Exception {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("release", "p", null, "ml-dsa-65", null, "t");
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      byte[] signature = p.ops().sign("release", SECRET, null, "t").signature();
      byte[] sealed = p.ops().encrypt("box", SECRET, "t");
      p.keys().rotate("release", "t");
      p.keys().rotate("box", "t");
      ManagedKeys later = p.keys().at(java.time.Clock.fixed(Instant.now().plus(java.time.Duration.ofDays(31)),
          java.time.ZoneOffset.UTC));
      later.retireExpired("release", "t");
      later.retireExpired("box", "t");
      assertThat(p.keys().show("release").versions().getFirst().state()).isEqualTo("retired");
      assertThat(p.ops().verify("release", SECRET, signature, "t").valid()).isTrue();
      assertThat(p.ops().decrypt("box", sealed, "t")).isEqualTo(SECRET);

      TrustFiles trust = new TrustFiles(i, p.keys(), p.ops());
      String file = trust.export("t");
      var offline = TrustFileVerifier.open(file.getBytes(StandardCharsets.UTF_8),
          sovereign.munin.keep.crypto.Pem.parsePublicKey(trust.rootPublicKey()));
      assertThat(offline.check("release", SECRET, signature).valid()).as("offline, from the trust file").isTrue();

      p.keys().archive("release", 1, "t");
      assertThat(p.ops().verify("release", SECRET, signature, "t").valid()).as("archived: still verifies").isTrue();
      p.keys().archive("release", null, "t");
      assertThat(p.ops().verify("release", SECRET, signature, "t").valid()).as("whole key archived").isTrue();
    }
  }

  @Test
  void rewrap_movesCiphertextsToTheActiveVersion_thenTheOwnerClosesTheOldOne() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      byte[] old = p.ops().encrypt("box", SECRET, "t");
      p.keys().rotate("box", "t");
      byte[] moved = p.ops().rewrap("box", old, "t");
      assertThat(java.nio.ByteBuffer.wrap(moved, 1, 4).getInt()).as("made by version 2").isEqualTo(2);
      assertThat(p.ops().decrypt("box", moved, "t")).isEqualTo(SECRET);
      assertThatThrownBy(() -> p.keys().closeDecryptionBelow("box", 3, "t")).hasMessageContaining("between 1 and");
      p.keys().closeDecryptionBelow("box", 2, "t");
      assertThatThrownBy(() -> p.ops().decrypt("box", old, "t")).isInstanceOf(KeepException.class)
          .hasMessageContaining("lowest decrypting version");
      assertThat(p.ops().decrypt("box", moved, "t")).isEqualTo(SECRET);
      assertThatThrownBy(() -> p.keys().closeDecryptionBelow("box", 1, "t")).hasMessageContaining("not opened again");
    }
  }

  @Test
  void serverSideRestore_checksTheBackupItself_pinnedRoot_payload_freshInstance() throws Exception {
    List<HybridKeyPair> custodians = List.of(HybridEncryption.generateKeyPair(new SecureRandom()),
        HybridEncryption.generateKeyPair(new SecureRandom()));
    Path usb = base.resolve("usb");
    String sourceRoot;
    try (KeepInstance a = newDevInstance(base.resolve("a"))) {
      Parts p = parts(a);
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      BackupFiles.write(usb, p.backups().backup(custodians.stream().map(HybridKeyPair::publicKey).toList(), 2,
          "t"));
      sourceRoot = new TrustFiles(a, p.keys(), p.ops()).rootPublicKey();
    }
    BackupBundle bundle = BackupFiles.read(usb);
    try (KeepInstance b = newDevInstance(base.resolve("b"));
         var key = BackupReader.recoverKey(bundle, custodians.stream().map(HybridKeyPair::privateKey).toList(),
             null)) {
      TestCallers.projectOwner(b, "p");
      KeyRestore restore = new KeyRestore(b, new SecureRandom());
      Parts p = parts(b);
      assertThatThrownBy(() -> restore.restore(bundle, key, null, "t")).hasMessageContaining("root of trust");
      new TrustFiles(b, p.keys(), p.ops()).ensureRoot("t");
      String ownRoot = new TrustFiles(b, p.keys(), p.ops()).rootPublicKey();
      assertThatThrownBy(() -> restore.restore(bundle, key, ownRoot, "t")).isInstanceOf(KeepException.class)
          .hasMessageContaining("not by the pinned root of trust");
      byte[] forged = bundle.payload().clone();
      forged[forged.length - 1] ^= 1;
      BackupBundle altered = new BackupBundle(bundle.manifest(), bundle.manifestSignature(), bundle.signerPem(),
          forged, bundle.shares());
      assertThatThrownBy(() -> restore.restore(altered, key, sourceRoot, "t"))
          .hasMessageContaining("does not match the manifest");
      assertThat(restore.restore(bundle, key, sourceRoot, "t")).containsExactly("box");
      assertThatThrownBy(() -> restore.restore(bundle, key, sourceRoot, "t")).isInstanceOf(KeepException.class)
          .hasMessageContaining("already has keys");
    }
  }

  @Test
  void custodians_enrolTheirOwnKey_twoOthersApprove_onlyApprovedKeysReceiveShares() throws Exception {
    try (KeepInstance i = newDevInstance(base)) {
      var identity = sovereign.munin.keep.app.identity.Identity.of(i,
          sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
      String alice = identity.users().create("t", "alice", "developer").id();
      String sam = identity.users().create("t", "sam", "security-team").id();
      String nora = identity.users().create("t", "nora", "security-team").id();
      Custodians custodians = new Custodians(i);
      HybridKeyPair aliceKey = HybridEncryption.generateKeyPair(new SecureRandom());
      HybridKeyPair samKey = HybridEncryption.generateKeyPair(new SecureRandom());
      String keyId = custodians.enrol(alice, aliceKey.publicKey().toPem()).keyId();
      String samKeyId = custodians.enrol(sam, samKey.publicKey().toPem()).keyId();
      assertThatThrownBy(() -> custodians.approve(alice, keyId)).hasMessageContaining("their own key");
      assertThat(custodians.approve(sam, keyId).state()).isEqualTo("pending");
      assertThatThrownBy(() -> custodians.approve(sam, keyId)).hasMessageContaining("already approved");

      Parts p = parts(i);
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");
      // One insider alone cannot choose the recipients: sam's own key and alice's half-approved one are refused.
      assertThatThrownBy(() -> p.backups().backupTo(List.of(keyId, samKeyId), 2, "user:" + sam))
          .hasMessageContaining("needs 2 approvals");
      assertThat(custodians.approve(nora, keyId).state()).isEqualTo("active");
      custodians.approve(alice, samKeyId);
      custodians.approve(nora, samKeyId);
      assertThatThrownBy(() -> p.backups().backupTo(List.of(keyId, HybridEncryption.generateKeyPair(
          new SecureRandom()).publicKey().toPem()), 2, "t")).hasMessageContaining("not an enrolled custodian");
      BackupBundle b = p.backups().backupTo(List.of(keyId, samKey.publicKey().toPem()), 2, "t");
      assertThat(b.shares()).extracting(BackupBundle.Share::recipientKeyId).containsExactly(keyId, samKeyId);
      custodians.remove("user:" + nora, samKeyId);
      assertThatThrownBy(() -> p.backups().backupTo(List.of(keyId, samKeyId), 2, "t"))
          .hasMessageContaining("removed");
    }
  }

  @Test
  void associatedData_bindsTheCiphertextToTheCallersContext_throughRewrapToo() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      for (String type : List.of("aes-256-gcm", "ml-kem-768-x25519")) {
        String name = "box-" + type;
        p.keys().create(name, "p", null, type, null, "t");
        byte[] row42 = "customer:42".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = p.ops().encrypt(name, SECRET, row42, "t");
        assertThat(p.ops().decrypt(name, sealed, row42, "t")).isEqualTo(SECRET);
        assertThatThrownBy(() -> p.ops().decrypt(name, sealed, "t")).as(type).hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> p.ops().decrypt(name, sealed, "customer:43".getBytes(StandardCharsets.UTF_8), "t"))
            .hasMessageContaining("decryption failed");
        p.keys().rotate(name, "t");
        byte[] moved = p.ops().rewrap(name, sealed, row42, "t");
        assertThat(p.ops().decrypt(name, moved, row42, "t")).isEqualTo(SECRET);
        assertThatThrownBy(() -> p.ops().decrypt(name, moved, "t")).hasMessageContaining("decryption failed");
      }
      assertThatThrownBy(() -> p.ops().encrypt("box-aes-256-gcm", SECRET, new byte[4097], "t"))
          .hasMessageContaining("at most 4096 bytes");
    }
  }

  @Test
  void dataKey_isRandom_andItsEncryptedCopyDecryptsToIt() {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("kek", "p", null, "aes-256-gcm", null, "t");
      var first = p.ops().dataKey("kek", null, "t");
      var second = p.ops().dataKey("kek", "bucket:logs".getBytes(StandardCharsets.UTF_8), "t");
      assertThat(first.plaintext()).hasSize(32).isNotEqualTo(second.plaintext());
      assertThat(p.ops().decrypt("kek", first.ciphertext(), "t")).isEqualTo(first.plaintext());
      assertThat(p.ops().decrypt("kek", second.ciphertext(), "bucket:logs".getBytes(StandardCharsets.UTF_8), "t"))
          .isEqualTo(second.plaintext());
      assertThat(first.toString()).doesNotContain(java.util.HexFormat.of().formatHex(first.plaintext()));
    }
  }

  @Test
  void digestSigning_givesTheOrdinarySignatureOverTheFile_forEachAlgorithmThatSignsDigests() throws Exception {
    byte[] file = new byte[3 * 1024 * 1024];
    new SecureRandom().nextBytes(file);
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      for (String type : List.of("ml-dsa-65", "ecdsa-p384", "rsa-3072")) {
        p.keys().create("rel-" + type, "p", null, type, null, "t");
        var alg = sovereign.munin.keep.crypto.SignatureAlgorithm.fromId(type);
        var pub = sovereign.munin.keep.crypto.Pem.parsePublicKey(p.ops().exportPublic("rel-" + type, 1));
        var d = sovereign.munin.keep.crypto.Prehash.digester(alg, pub, null);
        d.update(file, 0, file.length);
        byte[] digest = d.digest();

        var sig = p.ops().sign("rel-" + type, new SignedInput(null, digest, null), 1, "t");

        assertThat(p.ops().verify("rel-" + type, file, sig.signature(), "t").valid()).as(type).isTrue();
        assertThat(sovereign.munin.keep.crypto.Signatures.verifier(alg, pub).verify(file, sig.signature()))
            .as(type + " offline").isTrue();
        assertThat(p.ops().verify("rel-" + type, new SignedInput(null, digest, null), sig.signature(), 1, "t")
            .valid()).isTrue();
        file[0] ^= 1;
        assertThat(p.ops().verify("rel-" + type, file, sig.signature(), "t").valid()).isFalse();
        file[0] ^= 1;
      }
      // ML-DSA mu is bound to one version's public key: signing by digest names the version.
      assertThatThrownBy(() -> p.ops().sign("rel-ml-dsa-65", new SignedInput(null, new byte[64], null), null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("version-required"));
      assertThatThrownBy(() -> p.ops().sign("rel-ecdsa-p384", new SignedInput(null, new byte[32], null), null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("bad-digest"))
          .hasMessageContaining("48-byte digest");
      p.keys().create("rel-ed", "p", null, "ed25519", null, "t");
      assertThatThrownBy(() -> p.ops().sign("rel-ed", new SignedInput(null, new byte[64], null), null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("digest-not-supported"))
          .hasMessageContaining("pure EdDSA");
      p.keys().rotate("rel-ml-dsa-65", "t");
      assertThatThrownBy(() -> p.ops().sign("rel-ml-dsa-65", new SignedInput(null, new byte[64], null), 1, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("key-version-not-active"));
      i.sequencer().integrateAll(1000);
      var signs = new sovereign.munin.keep.app.audit.AuditReader(i.state()).search(
          new sovereign.munin.keep.app.audit.AuditReader.Query(null, "key.sign", null, 0, Long.MAX_VALUE, 100));
      assertThat(signs).hasSize(3).allSatisfy(e -> assertThat(new String(e.entry(), StandardCharsets.UTF_8))
          .contains("\"over\":\"digest\""));
    }
  }

  @Test
  void mlDsaContext_bindsTheSignature_andIsRefusedWhereItCannotApply() throws Exception {
    byte[] release = "release 2.4.1".getBytes(StandardCharsets.UTF_8);
    byte[] ctx = "munin-release".getBytes(StandardCharsets.UTF_8);
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("rel", "p", null, "ml-dsa-65", null, "t");
      p.keys().create("ec", "p", null, "ecdsa-p384", null, "t");

      var sig = p.ops().sign("rel", new SignedInput(release, null, ctx), null, "t");

      assertThat(p.ops().verify("rel", new SignedInput(release, null, ctx), sig.signature(), null, "t").valid())
          .isTrue();
      assertThat(p.ops().verify("rel", release, sig.signature(), "t").valid()).isFalse();
      assertThat(p.ops().verify("rel", new SignedInput(release, null, "munin-other".getBytes(
          StandardCharsets.UTF_8)), sig.signature(), null, "t").valid()).isFalse();
      assertThatThrownBy(() -> p.ops().sign("ec", new SignedInput(release, null, ctx), null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("bad-context"));
      assertThatThrownBy(() -> p.ops().sign("rel", new SignedInput(release, null, new byte[256]), null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("bad-context"));
      assertThatThrownBy(() -> p.ops().sign("rel", new SignedInput(null, new byte[64], ctx), 1, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("context-with-digest"));
      assertThatThrownBy(() -> p.ops().sign("rel", new SignedInput(release, new byte[64], null), 1, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("missing-field"));
    }
  }

  @Test
  void hmacKeys_macAndCheck_acrossRotation_untilTheOwnerClosesTheOldVersion() throws Exception {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      var made = p.keys().create("tagger", "p", null, "hmac-sha256", null, "t");
      assertThat(made.purpose()).isEqualTo("mac");
      p.keys().create("other", "p", null, "hmac-sha256", null, "t");
      p.keys().create("box", "p", null, "aes-256-gcm", null, "t");

      byte[] mac = p.ops().mac("tagger", SECRET, "t");

      assertThat(mac).hasSize(37);
      assertThat(p.ops().verifyMac("tagger", SECRET, mac, "t").valid()).isTrue();
      assertThat(p.ops().verifyMac("tagger", "changed".getBytes(StandardCharsets.UTF_8), mac, "t").valid())
          .isFalse();
      assertThat(p.ops().verifyMac("other", SECRET, mac, "t").valid()).as("another key's secret").isFalse();
      assertThat(p.ops().mac("tagger", SECRET, "t")).as("HMAC is deterministic").isEqualTo(mac);
      p.keys().rotate("tagger", "t");
      byte[] mac2 = p.ops().mac("tagger", SECRET, "t");
      assertThat(java.nio.ByteBuffer.wrap(mac2, 1, 4).getInt()).isEqualTo(2);
      assertThat(p.ops().verifyMac("tagger", SECRET, mac, "t").valid()).as("v1 in its overlap").isTrue();
      p.keys().closeDecryptionBelow("tagger", 2, "t");
      var closed = p.ops().verifyMac("tagger", SECRET, mac, "t");
      assertThat(closed.valid()).isFalse();
      assertThat(closed.reason()).contains("no longer checks MACs");
      assertThat(p.ops().verifyMac("tagger", SECRET, mac2, "t").valid()).isTrue();

      assertThatThrownBy(() -> p.ops().mac("box", SECRET, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("wrong-key-purpose"));
      assertThatThrownBy(() -> p.ops().encrypt("tagger", SECRET, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("wrong-key-purpose"));
      assertThatThrownBy(() -> p.ops().sign("tagger", SECRET, null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("wrong-key-purpose"));
      assertThatThrownBy(() -> p.ops().exportPublic("tagger", null))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("no-public-key"));
      assertThatThrownBy(() -> p.ops().verifyMac("tagger", SECRET, new byte[36], "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("mac-malformed"));
      // The trust file lists keys with public halves only.
      String trust = new TrustFiles(i, p.keys(), p.ops()).export("t", "p");
      assertThat(trust).isNotEmpty();
      i.sequencer().integrateAll(1000);
      var checks = new sovereign.munin.keep.app.audit.AuditReader(i.state()).search(
          new sovereign.munin.keep.app.audit.AuditReader.Query(null, "key.mac-verify", null, 0, Long.MAX_VALUE, 100));
      assertThat(checks).extracting(sovereign.munin.keep.app.audit.EventView::outcome).contains("success", "failure");
    }
  }

  private static byte[] wrapFor(KeyImports imports, String name, String type, byte[] material) throws Exception {
    var wrap = imports.wrappingKey("t");
    return sovereign.munin.keep.crypto.HybridEncryption.encrypt(
        sovereign.munin.keep.crypto.HybridPublicKey.fromPem(wrap.pem()), material, KeyImports.aad(name, type));
  }

  @Test
  void import_outsideMaterial_isCheckedAtOnce_andBecomesAKeyOnlyWithASecondPerson() throws Exception {
    var alg = sovereign.munin.keep.crypto.SignatureAlgorithm.ED25519;
    var outside = sovereign.munin.keep.crypto.Signatures.generate(alg, new SecureRandom());
    var stranger = sovereign.munin.keep.crypto.Signatures.generate(alg, new SecureRandom());
    byte[] pkcs8 = outside.getPrivate().getEncoded();
    byte[] spki = outside.getPublic().getEncoded();
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      var imports = new KeyImports(i, p.keys(), new SecureRandom());
      int wrapVersion = imports.wrappingKey("t").version();

      // Checked at the request: a public key of another pair, material wrapped for another name, a weak type.
      assertThatThrownBy(() -> imports.request("ext", "p", null, "ed25519", null, stranger.getPublic().getEncoded(),
          wrapFor(imports, "ext", "ed25519", pkcs8), wrapVersion, "user:alice"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("import-material-invalid"));
      assertThatThrownBy(() -> imports.request("ext", "p", null, "ed25519", null, spki,
          wrapFor(imports, "other-name", "ed25519", pkcs8), wrapVersion, "user:alice"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("import-unwrap-failed"));
      assertThatThrownBy(() -> imports.request("ext", "p", null, "ecdsa-p384", null, spki,
          wrapFor(imports, "ext", "ecdsa-p384", pkcs8), wrapVersion, "user:alice"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("import-material-invalid"));
      assertThat(imports.pending()).isEmpty();

      var pending = imports.request("ext", "p", null, "ed25519", null, spki, wrapFor(imports, "ext", "ed25519",
          pkcs8), wrapVersion, "user:alice");

      assertThat(pending.publicKeyId()).isEqualTo(sovereign.munin.keep.crypto.KeyId.of(outside.getPublic()));
      assertThat(imports.pending()).extracting(KeyImports.Pending::name).containsExactly("ext");
      assertThatThrownBy(() -> p.ops().sign("ext", SECRET, null, "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("key-not-found"));
      assertThatThrownBy(() -> imports.request("ext", "p", null, "ed25519", null, spki, wrapFor(imports, "ext",
          "ed25519", pkcs8), wrapVersion, "user:bob"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("import-pending"));
      assertThatThrownBy(() -> imports.approve("ext", "user:alice"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("second-person-required"));

      KeyView made = imports.approve("ext", "user:bob");

      assertThat(made.status()).isEqualTo("active");
      assertThat(made.versions().getFirst().publicKeyId()).isEqualTo(pending.publicKeyId());
      byte[] sig = p.ops().sign("ext", SECRET, null, "t").signature();
      assertThat(sovereign.munin.keep.crypto.Signatures.verifier(alg, outside.getPublic()).verify(SECRET, sig))
          .as("the imported private key signs for the outside public key").isTrue();
      assertThat(imports.pending()).isEmpty();
      assertThatThrownBy(() -> imports.approve("ext", "user:carol"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("import-not-found"));

      // A symmetric secret: the imported HMAC key computes the HMAC anyone holding the secret computes.
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      imports.request("hooks", "p", null, "hmac-sha256", null, null, wrapFor(imports, "hooks", "hmac-sha256",
          secret), wrapVersion, "user:alice");
      imports.approve("hooks", "user:bob");
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      assertThat(java.util.Arrays.copyOfRange(p.ops().mac("hooks", SECRET, "t"), 5, 37)).isEqualTo(mac.doFinal(SECRET));

      i.sequencer().integrateAll(1000);
      var reader = new sovereign.munin.keep.app.audit.AuditReader(i.state());
      var approvals = reader.search(new sovereign.munin.keep.app.audit.AuditReader.Query(null, "key.import", null, 0,
          Long.MAX_VALUE, 100));
      assertThat(approvals).hasSize(2).allSatisfy(e -> assertThat(e.actor()).isEqualTo("user:bob"));
      assertThat(new String(approvals.getFirst().entry(), StandardCharsets.UTF_8)).contains("\"requestedBy\":\"user:alice\"");
      assertThat(reader.search(new sovereign.munin.keep.app.audit.AuditReader.Query(null, "key.import-request", null,
          0, Long.MAX_VALUE, 100))).hasSize(2);
    }
  }

  @Test
  void revokeWithoutVersion_compromisesWhatExistedThen_notAVersionMadeAfterwards() throws Exception {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("release", "p", null, "ed25519", null, "t");
      Instant compromise = Instant.ofEpochMilli(i.clock().millis());
      Thread.sleep(5);
      p.keys().publishNext("release", "t"); // v2, published ahead after the compromise

      KeyView after = p.keys().revoke("release", null, compromise, "laptop lost", "t");

      assertThat(after.versions()).extracting(KeyView.Version::version, KeyView.Version::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "compromised"),
              org.assertj.core.groups.Tuple.tuple(2, "pre-active"));
      assertThatThrownBy(() -> p.keys().revoke("release", null, compromise, "again", "t"))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("nothing-to-revoke"));
      assertThat(p.keys().rotate("release", "t").activeVersion()).as("the owner moves to v2").isEqualTo(2);
    }
  }

  @Test
  void revokeWithoutVersion_leavesAVersionDestroyedBeforeTheCompromise_destroyed() throws Exception {
    try (KeepInstance i = newDevInstance(base)) {
      Parts p = parts(i);
      p.keys().create("release", "p", null, "ed25519", null, "t");
      p.keys().rotate("release", "t");
      ManagedKeys later = p.keys().at(java.time.Clock.fixed(Instant.now().plus(java.time.Duration.ofDays(31)),
          java.time.ZoneOffset.UTC));
      later.retireExpired("release", "t");
      p.keys().archive("release", 1, "t");
      p.keys().destroy("release", 1, "t");
      Thread.sleep(5);
      Instant compromise = Instant.ofEpochMilli(i.clock().millis());

      KeyView after = p.keys().revoke("release", null, compromise, "laptop lost", "t");

      assertThat(after.versions()).extracting(KeyView.Version::version, KeyView.Version::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "destroyed"),
              org.assertj.core.groups.Tuple.tuple(2, "compromised"));
    }
  }
}
