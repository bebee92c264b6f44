package sovereign.munin.keep.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridKeyPair;
import sovereign.munin.keep.crypto.HybridPrivateKey;

/** Encrypted offline backups: any M of N custodians restore into a fresh instance; tampering is refused. */
class KeyBackupsTest {

  private static final byte[] MSG = {1, 2, 3};

  @TempDir
  Path base;

  private static KeepInstance open(Path base) {
    var init = TestInstances.dev(base, null, null);
    return KeepInstance.open(new DataDirectory(init.dataDir()), Map.of(), Clock.systemUTC(), new SecureRandom());
  }

  private static HybridKeyPair custodian() throws Exception {
    return HybridEncryption.generateKeyPair(new SecureRandom());
  }

  @Test
  void backup_twoOfThree_restoresIntoFreshInstanceWithSamePublicKeys() throws Exception {
    List<HybridKeyPair> c = List.of(custodian(), custodian(), custodian());
    Path dir = base.resolve("usb");
    String pem;
    try (KeepInstance a = open(base.resolve("a"))) {
      var keys = new ManagedKeys(a, new SecureRandom());
      var ops = new KeyOperations(a, keys);
      keys.create("release", "p", null, "ed25519", null, "t");
      keys.create("box", "p", null, "aes-256-gcm", null, "t");
      pem = ops.exportPublic("release", null);
      var backups = new KeyBackups(a, keys, ops, new TrustFiles(a, keys, ops), new SecureRandom());
      BackupFiles.write(dir, backups.backup(c.stream().map(HybridKeyPair::publicKey).toList(), 2, "t"));
    }
    List<HybridPrivateKey> two = List.of(c.get(0).privateKey(), c.get(2).privateKey());
    var opened = BackupReader.open(BackupFiles.read(dir), two, null);
    assertThat(opened.manifest().path("keys")).hasSize(3);
    try (KeepInstance b = open(base.resolve("b"))) {
      sovereign.munin.keep.app.TestCallers.projectOwner(b, "p");
      assertThat(new KeyRestore(b, new SecureRandom()).restore(opened.payload(), "t"))
          .containsExactlyInAnyOrder("release", "box");
      var keys = new ManagedKeys(b, new SecureRandom());
      var ops = new KeyOperations(b, keys);
      assertThat(ops.exportPublic("release", null)).isEqualTo(pem);
      var sig = ops.sign("release", MSG, null, "t");
      assertThat(ops.verify("release", MSG, sig.signature(), "t").valid()).isTrue();
      assertThat(ops.decrypt("box", ops.encrypt("box", MSG, "t"), "t")).isEqualTo(MSG);
      assertThatThrownBy(() -> new KeyRestore(b, new SecureRandom()).restore(opened.payload(), "t"))
          .hasMessageContaining("already has keys");
    }
  }

  @Test
  void restore_compromisedVersion_keepsWhichSignaturesPredateTheCompromise() throws Exception {
    List<HybridKeyPair> c = List.of(custodian(), custodian());
    Path dir = base.resolve("usb");
    byte[] before;
    byte[] after;
    try (KeepInstance a = open(base.resolve("a"))) {
      var keys = new ManagedKeys(a, new SecureRandom());
      var ops = new KeyOperations(a, keys);
      keys.create("release", "p", null, "ml-dsa-65", null, "t");
      before = ops.sign("release", MSG, null, "t").signature();
      Thread.sleep(5);
      java.time.Instant compromised = java.time.Instant.now();
      Thread.sleep(5);
      after = ops.sign("release", MSG, null, "t").signature();
      keys.revoke("release", null, compromised, "laptop lost", "t");
      assertThat(ops.verify("release", MSG, before, "t").valid()).isTrue();
      var backups = new KeyBackups(a, keys, ops, new TrustFiles(a, keys, ops), new SecureRandom());
      BackupFiles.write(dir, backups.backup(c.stream().map(HybridKeyPair::publicKey).toList(), 2, "t"));
    }
    var opened = BackupReader.open(BackupFiles.read(dir), c.stream().map(HybridKeyPair::privateKey).toList(), null);
    try (KeepInstance b = open(base.resolve("b"))) {
      sovereign.munin.keep.app.TestCallers.projectOwner(b, "p");
      new KeyRestore(b, new SecureRandom()).restore(opened.payload(), "t");
      var ops = new KeyOperations(b, new ManagedKeys(b, new SecureRandom()));
      assertThat(ops.verify("release", MSG, before, "t").valid()).isTrue();
      assertThat(ops.verify("release", MSG, after, "t").valid()).isFalse();
    }
  }

  @Test
  void restore_projectMissingHere_isRefusedNamingIt_andWritesNothing() throws Exception {
    List<HybridKeyPair> c = List.of(custodian(), custodian());
    Path dir = base.resolve("usb");
    try (KeepInstance a = open(base.resolve("a"))) {
      var keys = new ManagedKeys(a, new SecureRandom());
      var ops = new KeyOperations(a, keys);
      keys.create("release", "payments", null, "ed25519", null, "t");
      keys.create("box", "billing", null, "aes-256-gcm", null, "t");
      var backups = new KeyBackups(a, keys, ops, new TrustFiles(a, keys, ops), new SecureRandom());
      BackupFiles.write(dir, backups.backup(c.stream().map(HybridKeyPair::publicKey).toList(), 2, "t"));
    }
    var opened = BackupReader.open(BackupFiles.read(dir), c.stream().map(HybridKeyPair::privateKey).toList(), null);
    try (KeepInstance b = open(base.resolve("b"))) {
      sovereign.munin.keep.app.TestCallers.projectOwner(b, "payments");
      assertThatThrownBy(() -> new KeyRestore(b, new SecureRandom()).restore(opened.payload(), "t"))
          .hasMessageContaining("does not have: billing;").hasMessageContaining("keep project add");
      assertThat(new ManagedKeys(b, new SecureRandom()).list()).isEmpty();
    }
  }

  @Test
  void open_oneShareMissingOrManifestTamperedOrWrongSigner_isRefused() throws Exception {
    List<HybridKeyPair> c = List.of(custodian(), custodian(), custodian());
    Path dir = base.resolve("usb");
    try (KeepInstance a = open(base.resolve("a"))) {
      var keys = new ManagedKeys(a, new SecureRandom());
      var ops = new KeyOperations(a, keys);
      keys.create("release", "p", null, "ed25519", null, "t");
      var backups = new KeyBackups(a, keys, ops, new TrustFiles(a, keys, ops), new SecureRandom());
      BackupFiles.write(dir, backups.backup(c.stream().map(HybridKeyPair::publicKey).toList(), 2, "t"));
    }
    assertThatThrownBy(() -> BackupReader.open(BackupFiles.read(dir), List.of(c.get(1).privateKey()), null))
        .hasMessageContaining("needs 2 custodians");
    List<HybridPrivateKey> two = List.of(c.get(0).privateKey(), c.get(1).privateKey());
    assertThatThrownBy(() -> BackupReader.open(BackupFiles.read(dir), two, "00".repeat(32)))
        .hasMessageContaining("pinned root of trust");
    String m = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(dir.resolve("manifest.json"), m.replace("\"threshold\":2", "\"threshold\":1"));
    assertThatThrownBy(() -> BackupReader.open(BackupFiles.read(dir), two, null))
        .hasMessageContaining("manifest was altered");
  }
}
