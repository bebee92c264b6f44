package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.keys.KeyOperations;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.seal.TestHsm;
import sovereign.munin.keep.server.KeepServer;

/** {@code keep init --hsm} with SoftHSM2 (PIN from KEEP_HSM_PIN), the server unsealed at start, keys usable. */
class InitHsmCliIT {

  private static final byte[] MSG = {7, 7, 7};

  @TempDir
  Path base;

  @Test
  void initHsm_serverStartsUnsealed_keysSignUnderHsmRoot() throws Exception {
    Path cfg = TestHsm.token(base);
    Path data = base.resolve("data");
    CliRun init = CliRun.of("init", "--hsm", cfg.toString(), "--data", data.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("HSM seal").contains("keep_");
    // The server path: the same environment the 'keep server' process gets.
    try (KeepInstance instance = KeepInstance.open(new DataDirectory(data), System.getenv(), Clock.systemUTC(),
        new SecureRandom());
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"))) {
      assertThat(instance.ready()).isTrue();
      CliRun status = CliRun.of("status", "--data", data.toString(), "--server", server.url(), "--json");
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out()).contains("\"sealed\" : false");
      var keys = new ManagedKeys(instance, new SecureRandom());
      keys.create("release", "p", null, null, null, "test");
      var ops = new KeyOperations(instance, keys);
      assertThat(ops.verify("release", MSG, ops.sign("release", MSG, null, "test").signature(), "test").valid())
          .isTrue();

      var token = java.util.regex.Pattern.compile("keep_[A-Za-z0-9_-]+").matcher(init.out());
      assertThat(token.find()).isTrue();
      sovereign.munin.keep.app.config.PrivateFiles.write(data.resolve("cli.token"),
          token.group().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String[] common = {"--data", data.toString(), "--server", server.url()};
      assertThat(CliRun.of(concat(common, "seal")).exit()).isZero();
      assertThat(instance.seal().isSealed()).isTrue();
      CliRun again = CliRun.of(concat(common, "unseal"));
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(instance.ready()).isTrue();
    }
  }

  private static String[] concat(String[] head, String... tail) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(head), java.util.Arrays.stream(tail))
        .toArray(String[]::new);
  }
}
