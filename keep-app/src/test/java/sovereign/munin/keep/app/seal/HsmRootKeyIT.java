package sovereign.munin.keep.app.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;

/** The HSM root key against a real SoftHSM2 token. */
class HsmRootKeyIT {

  @TempDir
  Path dir;

  @Test
  void generate_thenOpen_wrapsInTokenAndIsNotExtractable() {
    Path cfg = TestHsm.token(dir);
    byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);
    byte[] wrapped;
    try (HsmRootKey key = HsmRootKey.generate(cfg, TestHsm.PIN.toCharArray(), "root-it-a")) {
      assertThat(key.extractable()).isFalse();
      wrapped = key.wrap("secret".getBytes(StandardCharsets.UTF_8), aad);
    }
    try (HsmRootKey again = HsmRootKey.open(cfg, TestHsm.PIN.toCharArray(), "root-it-a")) {
      assertThat(new String(again.unwrap(wrapped, aad), StandardCharsets.UTF_8)).isEqualTo("secret");
      assertThatThrownBy(() -> again.unwrap(wrapped, "other".getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("did not decrypt");
    }
  }

  @Test
  void open_wrongPin_isClearError() {
    Path cfg = TestHsm.token(dir);
    assertThatThrownBy(() -> HsmRootKey.open(cfg, "9999".toCharArray(), "root-a"))
        .isInstanceOf(KeepException.class).hasMessageContaining("wrong PIN");
  }

  @Test
  void open_tokenMissing_isClearError() throws Exception {
    TestHsm.token(dir);
    Path cfg = TestHsm.config(dir, "library = " + TestHsm.LIBRARY + "\nslot = 424242\n");
    assertThatThrownBy(() -> HsmRootKey.open(cfg, TestHsm.PIN.toCharArray(), "root-a"))
        .isInstanceOf(KeepException.class).hasMessageContaining("cannot be used");
  }
}
