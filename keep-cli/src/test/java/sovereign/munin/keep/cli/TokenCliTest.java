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
import sovereign.munin.keep.server.KeepServer;

/** {@code keep token create}: a person mints a key-scoped token, and a machine signs with it. */
class TokenCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private Path data;
  private KeepInstance instance;
  private KeepServer server;
  private String[] common;

  @BeforeEach
  void start() {
    data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    instance = TestInstances.open(data);
    sovereign.munin.keep.app.TestCallers.cliOperator(instance, "payments");
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
  void help_tokenCreate_hasHelpAndJson() {
    CliRun r = CliRun.of("token", "create", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: keep token create").contains("--key").contains("--json");
  }

  @Test
  void create_keyScoped_signsWithItsKeyOnly() throws Exception {
    assertThat(keep("key", "create", "release", "--project", "payments").exit()).isZero();
    assertThat(keep("key", "create", "docs", "--project", "payments").exit()).isZero();
    CliRun text = keep("token", "create", "--label", "ci", "--project", "payments", "--key", "release");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("for key(s) release").contains("shown only now").contains("keep_");
    CliRun minted = keep("token", "create", "--label", "ci", "--project", "payments", "--key", "release",
        "--days", "7", "--json");
    assertThat(minted.exit()).as(minted.err()).isZero();
    JsonNode json = JSON.readTree(minted.out());
    assertThat(json.path("keys").get(0).asText()).isEqualTo("release");

    // The machine: its only credential is the key-scoped token.
    Files.writeString(instance.dataDirectory().cliToken(), json.path("token").asText() + "\n");
    Path file = Files.writeString(base.resolve("app.tar"), "artifact bytes");
    CliRun signed = keep("key", "sign", "release", "--in", file.toString(), "--out", base.resolve("a.sig")
        .toString());
    assertThat(signed.exit()).as(signed.err()).isZero();
    CliRun other = keep("key", "sign", "docs", "--in", file.toString(), "--out", base.resolve("b.sig").toString());
    assertThat(other.exit()).isEqualTo(4);
    assertThat(other.err()).startsWith("keep:").contains("narrowed to the keys release");
  }

  @Test
  void create_keyWithoutProject_isRefusedWithAClearMessage() {
    assertThat(keep("key", "create", "release", "--project", "payments").exit()).isZero();
    CliRun r = keep("token", "create", "--label", "ci", "--key", "release");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep:").contains("--project");
  }
}
