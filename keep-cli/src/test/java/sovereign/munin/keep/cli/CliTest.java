package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.server.KeepServer;

class CliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  @Test
  void version_printsVersionAndExitsZero() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Munin Keep ");
  }

  @Test
  void help_everyCommandHasHelp() {
    for (String cmd : new String[] {"up", "init", "server", "unseal", "seal", "status"}) {
      CliRun r = CliRun.of(cmd, "--help");
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: keep " + cmd).contains("--json");
    }
  }

  @Test
  void unknownCommand_isUsageErrorExit2() {
    CliRun r = CliRun.of("frobnicate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void init_productionJson_listsSharesThenRefusesSecondInit() throws Exception {
    String data = base.resolve("data").toString();
    CliRun r = CliRun.of("init", "--data", data, "--shares-dir", base.resolve("usb").toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.path("mode").asText()).isEqualTo("production");
    assertThat(out.path("shareFiles")).hasSize(5);
    assertThat(out.path("threshold").asInt()).isEqualTo(3);
    assertThat(out.path("adminToken").asText()).startsWith("keep_");

    CliRun again = CliRun.of("init", "--data", data, "--shares-dir", base.resolve("usb2").toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("keep: ").contains("already holds a Munin Keep instance");
    assertThat(base.resolve("usb2")).doesNotExist();
  }

  @Test
  void init_withoutSharesDir_explainsWhy() {
    CliRun r = CliRun.of("init", "--data", base.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--shares-dir");
    assertThat(base.resolve("data")).doesNotExist();
  }

  @Test
  void productionFlow_initServerThreeUnseals_reachesReady() throws Exception {
    Path data = base.resolve("data");
    CliRun init = CliRun.of("init", "--data", data.toString(), "--shares-dir", base.resolve("usb").toString(),
        "--json");
    JsonNode shares = JSON.readTree(init.out()).path("shareFiles");
    try (KeepInstance instance = TestInstances.open(data);
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"))) {
      String[] common = {"--data", data.toString(), "--server", server.url()};
      CliRun first = CliRun.of(concat(common, "unseal", "--share", shares.get(0).asText()));
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).contains("1 of 3 shares received; 2 more needed");

      CliRun dup = CliRun.of(concat(common, "unseal", "--share", shares.get(0).asText()));
      assertThat(dup.exit()).isEqualTo(1);
      assertThat(dup.err()).contains("already given");

      CliRun.of(concat(common, "unseal", "--share", shares.get(2).asText()));
      CliRun last = CliRun.of(concat(common, "unseal", "--share", shares.get(4).asText(), "--json"));
      assertThat(JSON.readTree(last.out()).path("sealed").asBoolean()).isFalse();

      CliRun status = CliRun.of(concat(common, "status", "--json"));
      assertThat(status.exit()).isZero();
      assertThat(JSON.readTree(status.out()).path("sealed").asBoolean()).isFalse();
      assertThat(JSON.readTree(status.out()).path("witnessQuorum").asInt()).isZero();
      // A production instance without witnesses is told so in plain words.
      assertThat(CliRun.of(concat(common, "status")).out()).contains("Witnesses: none required")
          .contains("nothing outside this instance would notice").contains("Audit log: passed its integrity checks");
      assertThat(JSON.readTree(status.out()).path("auditIntegrity").path("ok").asBoolean()).isTrue();
      instance.integrityAlarms().stop("fork", "a test alarm");
      assertThat(CliRun.of(concat(common, "status")).out()).contains("Audit log: INTEGRITY ALARM - no new "
          + "checkpoints are signed").contains("fork at ");
      assertThat(instance.ready()).isTrue();

      sovereign.munin.keep.app.config.PrivateFiles.write(data.resolve("cli.token"), JSON.readTree(init.out())
          .path("adminToken").asText().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      CliRun auto = CliRun.of(concat(common, "unseal"));
      assertThat(auto.exit()).isZero();
      assertThat(CliRun.of(concat(common, "seal")).exit()).isZero();
      CliRun refused = CliRun.of(concat(common, "unseal"));
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("custodian shares");
      assertThat(instance.seal().isSealed()).isTrue();
    }
  }

  @Test
  void devInstance_sealedByCommand_unsealsAgainWithoutRestart() {
    Path data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    try (KeepInstance instance = TestInstances.open(data);
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"))) {
      String[] common = {"--data", data.toString(), "--server", server.url()};
      assertThat(CliRun.of(concat(common, "seal")).exit()).isZero();
      assertThat(instance.ready()).isFalse();
      CliRun r = CliRun.of(concat(common, "unseal", "--json"));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(instance.ready()).isTrue();
    }
  }

  @Test
  void status_noServer_isUnavailableExit3() {
    CliRun init = CliRun.of("init", "--dev", "--data", base.resolve("data").toString());
    assertThat(init.exit()).isZero();
    CliRun r = CliRun.of("status", "--data", base.resolve("data").toString(), "--server", "https://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("no Munin Keep server answers at https://127.0.0.1:1");
  }

  @Test
  void up_withoutDevOnNewDirectory_pointsToInit() {
    CliRun r = CliRun.of("up", "--data", base.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("keep init").contains("keep up --dev");
    assertThat(base.resolve("data")).doesNotExist();
  }

  @Test
  void unseal_missingShareFile_isClearError() {
    CliRun r = CliRun.of("unseal", "--share", base.resolve("nope.txt").toString(), "--server", "https://127.0.0.1:1",
        "--ca", base.resolve("ca.pem").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read").contains("nope.txt");
  }

  @Test
  void server_readOnlyDataDirectory_refusesBeforeStarting() throws Exception {
    Path data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    try (var readOnly = sovereign.munin.keep.store.ReadOnlyDirectory.of(data)) {
      CliRun r = CliRun.of("server", "--data", data.toString(), "--listen", "127.0.0.1:0");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("is not writable");
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
