package sovereign.munin.keep.app.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Shamir;
import sovereign.munin.keep.store.SealConfigRow;

class SealStateTest {

  private final SecureRandom rng = new SecureRandom();
  private List<ShareFile> shares;
  private SealState seal;

  @BeforeEach
  void setUp() {
    byte[] raw = new byte[32];
    rng.nextBytes(raw);
    SecretBytes kek = SecretBytes.copyOf(raw);
    byte[] check;
    try (var key = new SoftwareRootKey(SecretBytes.copyOf(raw))) {
      check = KeyCheck.create(key, "inst-1234");
    }
    shares = Shamir.split(kek, 5, 3, rng).stream()
        .map(s -> new ShareFile("inst-1234", s.index(), 5, 3, s.value())).toList();
    seal = new SealState(new SealConfigRow("shamir", "inst-1234", 5, 3, check, 0L));
  }

  @Test
  void submitShare_thresholdReached_unseals() {
    assertThat(seal.submitShare(shares.get(4)).progress()).isEqualTo(1);
    assertThat(seal.submitShare(shares.get(0)).progress()).isEqualTo(2);
    assertThat(seal.isSealed()).isTrue();
    SealStatus s = seal.submitShare(shares.get(2));
    assertThat(s.sealed()).isFalse();
    String roundTrip = seal.withRootKey(k -> new String(k.unwrap(k.wrap("x".getBytes(), new byte[0]), new byte[0])));
    assertThat(roundTrip).isEqualTo("x");
  }

  @Test
  void submitShare_tooFew_staysSealedAndRefusesKeyUse() {
    seal.submitShare(shares.get(0));
    seal.submitShare(shares.get(1));
    assertThat(seal.status().progress()).isEqualTo(2);
    assertThatThrownBy(() -> seal.withRootKey(k -> k))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("sealed"))
        .hasMessageContaining("keep unseal --share FILE");
  }

  @Test
  void withRootKey_sealedHsmInstance_saysTheSealOpensItself() {
    SealState hsm = new SealState(new SealConfigRow("hsm", "inst-1234", 0, 0, new byte[0], 0L));
    assertThatThrownBy(() -> hsm.withRootKey(k -> k))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("sealed"))
        .hasMessageContaining("'keep unseal'").hasMessageContaining("hsm seal").hasMessageNotContaining("--share");
  }

  @Test
  void submitShare_sameShareTwice_isRefusedWithoutCounting() {
    seal.submitShare(shares.get(1));
    assertThatThrownBy(() -> seal.submitShare(shares.get(1)))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-duplicate"));
    assertThat(seal.status().progress()).isEqualTo(1);
  }

  @Test
  void submitShare_fromAnotherInstance_isRefused() {
    ShareFile foreign = new ShareFile("other-5678", 1, 5, 3, shares.get(0).value());
    assertThatThrownBy(() -> seal.submitShare(foreign))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-wrong-instance"))
        .hasMessageContaining("other-5678");
    assertThat(seal.status().progress()).isZero();
  }

  @Test
  void submitShare_wrongValue_failsKeyCheckAndResetsProgress() {
    byte[] bad = shares.get(2).value();
    bad[0] ^= 1;
    seal.submitShare(shares.get(0));
    seal.submitShare(shares.get(1));
    assertThatThrownBy(() -> seal.submitShare(new ShareFile("inst-1234", 3, 5, 3, bad)))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("shares-wrong"));
    assertThat(seal.status().sealed()).isTrue();
    assertThat(seal.status().progress()).isZero();
  }

  @Test
  void seal_afterUnseal_wipesKeyAndPendingShares() {
    shares.subList(0, 3).forEach(seal::submitShare);
    assertThat(seal.isSealed()).isFalse();
    SealStatus s = seal.seal();
    assertThat(s.sealed()).isTrue();
    assertThat(s.progress()).isZero();
    assertThatThrownBy(() -> seal.withRootKey(k -> k)).isInstanceOf(KeepException.class);
  }

  @Test
  void unsealWith_wrongKey_isRefused() {
    var wrong = new SoftwareRootKey(SecretBytes.random(32, rng));
    assertThatThrownBy(() -> seal.unsealWith(wrong))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("root-key-wrong"));
    assertThat(seal.isSealed()).isTrue();
  }
}
