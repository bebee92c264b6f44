package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keep init --hsm}: refusals that need no token. */
class InitHsmCliTest {

  @TempDir
  Path base;

  @Test
  void initHsm_missingConfig_isClearErrorAndWritesNothing() {
    CliRun r = CliRun.of("init", "--hsm", base.resolve("nope.cfg").toString(), "--data",
        base.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("SunPKCS11 config");
    assertThat(base.resolve("data")).doesNotExist();
  }

  @Test
  void initHsm_withDev_isRefused() throws Exception {
    Path cfg = Files.writeString(base.resolve("t.cfg"), "name = x\nlibrary = /nope.so\n");
    CliRun r = CliRun.of("init", "--hsm", cfg.toString(), "--dev", "--data", base.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("choose one seal");
  }
}
