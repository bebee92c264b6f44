package sovereign.munin.keep.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.keys.KeyOperations;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.seal.TestHsm;

/** {@code keep init --hsm}: the root key in a SoftHSM2 token, auto-unseal at open, and the refusals. */
class HsmSealIT {

  @TempDir
  Path base;

  private InitResult init(Path config, String pin) {
    DataDirectory dir = new DataDirectory(base.resolve("data"));
    return new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(dir, InitRequest.SealKind.HSM,
        1, 1, null, ListenAddress.DEFAULT, null, null, new InitRequest.Hsm(config, pin.toCharArray())));
  }

  @Test
  void init_hsm_opensUnsealedAndKeysWork() {
    Path cfg = TestHsm.token(base);
    InitResult r = init(cfg, TestHsm.PIN);
    assertThat(r.shareFiles()).isEmpty();
    try (KeepInstance instance = KeepInstance.open(new DataDirectory(r.dataDir()), Map.of("KEEP_HSM_PIN",
        TestHsm.PIN), Clock.systemUTC(), new SecureRandom())) {
      assertThat(instance.seal().isSealed()).isFalse();
      assertThat(instance.seal().status().kind()).isEqualTo("hsm");
      var keys = new ManagedKeys(instance, new SecureRandom());
      keys.create("release", "p", null, null, null, "t");
      var ops = new KeyOperations(instance, keys);
      var sig = ops.sign("release", new byte[] {1, 2}, null, "t");
      assertThat(ops.verify("release", new byte[] {1, 2}, sig.signature(), "t").valid()).isTrue();
    }
    assertThatThrownBy(() -> KeepInstance.open(new DataDirectory(r.dataDir()), Map.of("KEEP_HSM_PIN", "0000"),
        Clock.systemUTC(), new SecureRandom())).hasMessageContaining("wrong PIN");
    assertThatThrownBy(() -> KeepInstance.open(new DataDirectory(r.dataDir()), Map.of(), Clock.systemUTC(),
        new SecureRandom())).hasMessageContaining("KEEP_HSM_PIN");
  }

  @Test
  void init_wrongPin_isClearErrorAndWritesNothing() {
    Path cfg = TestHsm.token(base);
    assertThatThrownBy(() -> init(cfg, "0000")).isInstanceOf(KeepException.class)
        .hasMessageContaining("wrong PIN");
    assertThat(base.resolve("data")).doesNotExist();
  }

  @Test
  void init_tokenMissing_isClearErrorAndWritesNothing() throws Exception {
    TestHsm.token(base);
    Path cfg = TestHsm.config(base, "library = " + TestHsm.LIBRARY + "\nslot = 424242\n");
    assertThatThrownBy(() -> init(cfg, TestHsm.PIN)).isInstanceOf(KeepException.class)
        .hasMessageContaining("cannot be used");
    assertThat(base.resolve("data")).doesNotExist();
  }
}
