package sovereign.munin.keep.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;

/** Managed keys on a real dev instance: lifecycle, uses, refusals. */
class ManagedKeysTest {

  private static final byte[] MSG = "release 1.2.3".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path base;

  private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
  private KeepInstance instance;
  private ManagedKeys keys;
  private KeyOperations ops;

  @BeforeEach
  void open() {
    var init = TestInstances.dev(base, null, null);
    instance = KeepInstance.open(new DataDirectory(init.dataDir()), Map.of(), clock, new SecureRandom());
    keys = new ManagedKeys(instance, new SecureRandom());
    ops = new KeyOperations(instance, keys);
  }

  @AfterEach
  void close() {
    instance.close();
  }

  private static KeepException.Kind kind(Throwable t) {
    return ((KeepException) t).kind();
  }

  @Test
  void create_default_isMlDsa65WithOneActiveVersion() {
    KeyView k = keys.create("release", "payments", null, null, null, "test");
    assertThat(k.type()).isEqualTo("ml-dsa-65");
    assertThat(k.purpose()).isEqualTo("signing");
    assertThat(k.activeVersion()).isEqualTo(1);
    assertThat(k.rotationDays()).isEqualTo(90);
    assertThat(k.versions()).singleElement().satisfies(v -> assertThat(v.state()).isEqualTo("active"));
  }

  @Test
  void create_unknownOrWeakType_isRefusedAndStoresNothing() {
    assertThatThrownBy(() -> keys.create("a", "p", null, "rot13", null, "t"))
        .hasMessageContaining("unknown key type 'rot13'");
    assertThatThrownBy(() -> keys.create("a", "p", null, "rsa-2048", null, "t"))
        .hasMessageContaining("too weak").satisfies(e -> assertThat(((KeepException) e).type())
            .isEqualTo("key-type-too-weak"));
    assertThat(keys.list()).isEmpty();
  }

  @Test
  void sign_thenVerify_countsUsesAndKeyIdMatchesExport() throws Exception {
    keys.create("release", "payments", null, "ml-dsa-65", null, "t");
    var sig = ops.sign("release", MSG, null, "t");
    assertThat(ops.verify("release", MSG, sig.signature(), "t").valid()).isTrue();
    assertThat(ops.verify("release", "other".getBytes(), sig.signature(), "t").valid()).isFalse();
    String pem = ops.exportPublic("release", null);
    assertThat(KeyId.of(Pem.parsePublicKey(pem))).isEqualTo(sig.publicKeyId());
    assertThat(keys.show("release").versions().get(0).useCount()).isEqualTo(2);
  }

  @Test
  void sign_everySignatureType_verifies() {
    for (String t : new String[] {"ml-dsa-87", "ed25519", "ecdsa-p384", "rsa-3072"}) {
      keys.create("k-" + t, "p", null, t, null, "t");
      var sig = ops.sign("k-" + t, MSG, null, "t");
      assertThat(ops.verify("k-" + t, MSG, sig.signature(), "t").valid()).as(t).isTrue();
    }
  }

  @Test
  void rotate_oldVersionVerifiesDuringOverlapAndAfterItRetires() {
    keys.create("release", "p", null, null, null, "t");
    var old = ops.sign("release", MSG, null, "t");
    KeyView rotated = keys.rotate("release", "t");
    assertThat(rotated.activeVersion()).isEqualTo(2);
    assertThat(rotated.versions().get(0).state()).isEqualTo("overlap");
    assertThat(ops.verify("release", MSG, old.signature(), "t").valid()).isTrue();
    assertThat(ops.sign("release", MSG, null, "t").version()).isEqualTo(2);
    clock.advance(Duration.ofDays(31));
    assertThat(keys.retireExpired("release", "t")).isEqualTo(1);
    assertThat(keys.show("release").versions().get(0).state()).isEqualTo("retired");
    // What a version signed while active stays verifiable until the version is revoked.
    assertThat(ops.verify("release", MSG, old.signature(), "t").valid()).isTrue();
  }

  @Test
  void archiveThenDestroy_oneRetiredVersion_wipesOnlyItsMaterial() {
    keys.create("release", "p", null, null, null, "t");
    keys.rotate("release", "t");
    assertThatThrownBy(() -> keys.archive("release", 1, "t")).hasMessageContaining("overlap")
        .satisfies(e -> assertThat(kind(e)).isEqualTo(KeepException.Kind.CONFLICT));
    assertThatThrownBy(() -> keys.destroy("release", 1, "t")).hasMessageContaining("archive it first");
    assertThatThrownBy(() -> keys.archive("release", 2, "t")).hasMessageContaining("active");
    clock.advance(Duration.ofDays(31));
    keys.retireExpired("release", "t");
    assertThat(keys.archive("release", 1, "t").versions().get(0).state()).isEqualTo("archived");
    KeyView d = keys.destroy("release", 1, "t");
    assertThat(d.versions().get(0).state()).isEqualTo("destroyed");
    assertThat(d.versions().get(0).publicKeyId()).isNotBlank();
    assertThat(d.status()).isEqualTo("active");
    var material = instance.keys().read(h -> h.attach(sovereign.munin.keep.store.keys.KeyMaterialDao.class)
        .find(keyId("release"), 1)).orElseThrow();
    assertThat(material.sealedPrivate()).isNull();
    assertThat(ops.sign("release", MSG, null, "t").version()).isEqualTo(2);
  }

  private String keyId(String name) {
    return instance.state().read(h -> h.attach(sovereign.munin.keep.store.keys.ManagedKeyDao.class).findKey(name))
        .orElseThrow().id();
  }

  @Test
  void sign_preActiveOrRevokedVersion_isRefused() {
    keys.create("release", "p", null, null, null, "t");
    keys.publishNext("release", "t");
    assertThatThrownBy(() -> ops.sign("release", MSG, 2, "t")).hasMessageContaining("pre-active")
        .satisfies(e -> assertThat(kind(e)).isEqualTo(KeepException.Kind.CONFLICT));
    keys.revoke("release", 1, clock.instant(), "laptop lost", "t");
    assertThatThrownBy(() -> ops.sign("release", MSG, 1, "t")).hasMessageContaining("compromised");
    assertThatThrownBy(() -> ops.sign("release", MSG, null, "t")).hasMessageContaining("no active version");
  }

  @Test
  void revoke_signaturesBeforeCompromiseVerify_atOrAfterDoNot() {
    keys.create("release", "p", null, "ed25519", null, "t");
    var before = ops.sign("release", MSG, null, "t");
    clock.advance(Duration.ofHours(1));
    Instant compromise = clock.instant();
    byte[] later = "release 1.2.4".getBytes(StandardCharsets.UTF_8);
    var after = ops.sign("release", later, null, "t");
    clock.advance(Duration.ofHours(1));
    keys.revoke("release", null, compromise, "key leaked", "t");
    assertThat(ops.verify("release", MSG, before.signature(), "t").valid()).isTrue();
    var v = ops.verify("release", later, after.signature(), "t");
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains("compromised");
  }

  @Test
  void revoke_againWithAnEarlierTime_dropsSignaturesMadeInBetween() {
    keys.create("release", "p", null, "ed25519", null, "t");
    var first = ops.sign("release", MSG, null, "t");
    clock.advance(Duration.ofHours(1));
    Instant earlier = clock.instant();
    byte[] later = "release 1.2.4".getBytes(StandardCharsets.UTF_8);
    var second = ops.sign("release", later, null, "t");
    clock.advance(Duration.ofHours(1));
    keys.revoke("release", null, clock.instant(), "key leaked", "t");
    assertThat(ops.verify("release", later, second.signature(), "t").valid()).isTrue();
    keys.revoke("release", 1, earlier, "leaked earlier than we thought", "t");
    assertThat(ops.verify("release", MSG, first.signature(), "t").valid()).isTrue();
    assertThat(ops.verify("release", later, second.signature(), "t").valid()).isFalse();
  }

  @Test
  void revoke_futureTime_isRefusedAndChangesNothing() {
    keys.create("release", "p", null, null, null, "t");
    assertThatThrownBy(() -> keys.revoke("release", null, clock.instant().plusSeconds(60), "x", "t"))
        .hasMessageContaining("future");
    assertThat(keys.show("release").versions().get(0).state()).isEqualTo("active");
  }

  @Test
  void encrypt_aesAndHybrid_roundTripAndWrongKeyOrTruncatedFails() {
    for (String t : new String[] {"aes-256-gcm", "ml-kem-768-x25519"}) {
      keys.create("a-" + t, "p", null, t, null, "t");
      keys.create("b-" + t, "p", null, t, null, "t");
      byte[] ct = ops.encrypt("a-" + t, MSG, "t");
      assertThat(ops.decrypt("a-" + t, ct, "t")).isEqualTo(MSG);
      assertThatThrownBy(() -> ops.decrypt("b-" + t, ct, "t")).hasMessageContaining("decryption failed");
      byte[] cut = java.util.Arrays.copyOf(ct, ct.length - 3);
      assertThatThrownBy(() -> ops.decrypt("a-" + t, cut, "t")).hasMessageContaining("decryption failed");
      assertThatThrownBy(() -> ops.decrypt("a-" + t, new byte[] {1, 0}, "t")).hasMessageContaining("truncated");
    }
  }

  @Test
  void destroy_thenRotateOrSign_isRefusedAndMetadataKept() {
    keys.create("release", "p", null, null, null, "t");
    keys.archive("release", null, "t");
    keys.destroy("release", null, "t");
    KeyView d = keys.destroy("release", null, "a second person");
    assertThat(d.status()).isEqualTo("destroyed");
    assertThat(d.versions().get(0).state()).isEqualTo("destroyed");
    assertThatThrownBy(() -> keys.rotate("release", "t")).hasMessageContaining("destroyed")
        .satisfies(e -> assertThat(kind(e)).isEqualTo(KeepException.Kind.CONFLICT));
    assertThatThrownBy(() -> ops.sign("release", MSG, null, "t")).hasMessageContaining("destroyed");
  }

  @Test
  void sign_whileSealed_isSealedAndCacheDropped() {
    keys.create("release", "p", null, null, null, "t");
    ops.sign("release", MSG, null, "t");
    assertThat(keys.cache().size()).isEqualTo(1);
    instance.seal().seal();
    assertThatThrownBy(() -> ops.sign("release", MSG, null, "t"))
        .satisfies(e -> assertThat(kind(e)).isEqualTo(KeepException.Kind.SEALED));
    assertThatThrownBy(() -> keys.create("other", "p", null, null, null, "t"))
        .satisfies(e -> assertThat(kind(e)).isEqualTo(KeepException.Kind.SEALED));
  }
}
