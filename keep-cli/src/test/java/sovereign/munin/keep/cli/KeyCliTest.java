package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.server.KeepServer;

/** {@code keep key ...} against a real dev server: the new user's path from create to revoke. */
class KeyCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private KeepInstance instance;
  private KeepServer server;
  private String[] common;

  @BeforeEach
  void start() {
    Path data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    instance = TestInstances.open(data);
    sovereign.munin.keep.app.TestCallers.cliOperator(instance, "p", "payments");
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
    common = new String[] {"--data", data.toString(), "--server", server.url()};
  }

  @AfterEach
  void stop() {
    server.close();
    instance.close();
  }

  private CliRun keep(String... args) {
    return CliRun.of(Stream.concat(Stream.of(args), Stream.of(common)).toArray(String[]::new));
  }

  @Test
  void help_everyKeyCommandHasHelpAndJson() {
    for (String cmd : new String[] {"create", "list", "show", "rotate", "revoke", "archive", "destroy",
        "export-public", "sign", "verify", "generate", "rotate-due"}) {
      CliRun r = CliRun.of("key", cmd, "--help");
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: keep key " + cmd).contains("--json");
    }
  }

  @Test
  void createSignVerifyRevoke_newUserFlow_works() throws Exception {
    CliRun created = keep("key", "create", "release", "--project", "payments", "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(JSON.readTree(created.out()).path("type").asText()).isEqualTo("ml-dsa-65");

    Path file = Files.writeString(base.resolve("app.tar"), "artifact bytes");
    Path sig = base.resolve("app.sig");
    CliRun signed = keep("key", "sign", "release", "--in", file.toString(), "--out", sig.toString());
    assertThat(signed.exit()).as(signed.err()).isZero();
    CliRun ok = keep("key", "verify", "release", "--in", file.toString(), "--sig", sig.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("VALID");

    Path pem = base.resolve("release.pem");
    assertThat(keep("key", "export-public", "release", "--out", pem.toString()).exit()).isZero();
    JsonNode shown = JSON.readTree(keep("key", "show", "release", "--json").out());
    assertThat(KeyId.of(Pem.parsePublicKey(Files.readString(pem))))
        .isEqualTo(shown.path("versions").get(0).path("publicKeyId").asText());

    CliRun future = keep("key", "revoke", "release", "--compromised-at", "2999-01-01T00:00:00Z", "--reason", "x");
    assertThat(future.exit()).isEqualTo(1);
    assertThat(future.err()).contains("future");
    CliRun revoked = keep("key", "revoke", "release", "--compromised-at", "2000-01-01T00:00:00Z", "--reason",
        "leak");
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    CliRun after = keep("key", "verify", "release", "--in", file.toString(), "--sig", sig.toString());
    assertThat(after.exit()).isEqualTo(1);
    assertThat(after.out()).startsWith("INVALID").contains("compromised");
  }

  @Test
  void create_tooSmallRsa_isRefusedExit1() {
    CliRun r = keep("key", "create", "old", "--project", "p", "--type", "rsa-2048");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("too weak");
    assertThat(keep("key", "list").out()).contains("No keys yet");
  }

  @Test
  void rotateDestroy_thenRotate_isRefused() {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    CliRun rotated = keep("key", "rotate", "k");
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("active=v2").contains("v1  overlap");
    assertThat(keep("key", "destroy", "k").exit()).isZero();
    CliRun again = keep("key", "rotate", "k");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("destroyed");
  }

  @Test
  void generate_offline_writesPrivateAndPublicAndRefusesOverwrite() throws Exception {
    Path out = base.resolve("custodian.key");
    CliRun r = CliRun.of("key", "generate", "--type", "ml-kem-768-x25519", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out)).contains("MUNIN KEEP HYBRID PRIVATE KEY");
    assertThat(Files.readString(base.resolve("custodian.key.pub"))).contains("MUNIN KEEP HYBRID PUBLIC KEY");
    CliRun again = CliRun.of("key", "generate", "--type", "ed25519", "--out", out.toString());
    assertThat(again.exit()).isEqualTo(1);
    CliRun weak = CliRun.of("key", "generate", "--type", "ml-dsa-44", "--out", base.resolve("w").toString());
    assertThat(weak.exit()).isEqualTo(1);
    assertThat(weak.err()).contains("too weak");
  }

  @Test
  void rotateDue_simulatedNowOnDevInstance_rotatesKey() {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    CliRun early = keep("key", "rotate-due");
    assertThat(early.out()).contains("Nothing due");
    CliRun r = keep("key", "rotate-due", "--now", java.time.Instant.now().plus(java.time.Duration.ofDays(91))
        .toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("rotate k v2");
  }

  @Test
  void trustExport_writesSignedEnvelope() throws Exception {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    Path file = base.resolve("trust.json");
    CliRun r = keep("trust", "export", "--out", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode env = JSON.readTree(Files.readString(file));
    assertThat(env.path("payloadType").asText()).isEqualTo("application/vnd.munin-keep.trust.v1+json");
    assertThat(CliRun.of("trust", "export", "--help").out()).contains("--json");
  }
}
