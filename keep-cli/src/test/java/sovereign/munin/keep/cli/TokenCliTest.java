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
    // To a token narrowed to "release", "docs" does not exist: not found (exit 1), as a missing key.
    assertThat(other.exit()).isEqualTo(1);
    assertThat(other.err()).startsWith("keep:").contains("no key named 'docs'");
  }

  @Test
  void create_keyWithoutProject_isRefusedWithAClearMessage() {
    assertThat(keep("key", "create", "release", "--project", "payments").exit()).isZero();
    CliRun r = keep("token", "create", "--label", "ci", "--key", "release");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep:").contains("--project");
  }

  @Test
  void listAndRevoke_oneToken_isCutOffAndTheCommandsSaySo() throws Exception {
    for (String cmd : new String[] {"list", "revoke"}) {
      CliRun help = CliRun.of("token", cmd, "--help");
      assertThat(help.exit()).as(cmd).isZero();
      assertThat(help.out()).as(cmd).contains("Usage: keep token " + cmd).contains("--json");
    }
    assertThat(keep("key", "create", "release", "--project", "payments").exit()).isZero();
    JsonNode minted = JSON.readTree(keep("token", "create", "--label", "ci-release", "--project", "payments",
        "--key", "release", "--json").out());
    String id = minted.path("id").asText();

    CliRun list = keep("token", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(id).contains("ci-release (key release").contains("active")
        .doesNotContain(minted.path("token").asText());

    CliRun revoked = keep("token", "revoke", id);
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("Token " + id + " (ci-release) revoked at");
    JsonNode after = JSON.readTree(keep("token", "list", "--json").out());
    assertThat(after.path("tokens").findParents("id").stream().filter(t -> t.path("id").asText().equals(id))
        .findFirst().orElseThrow().path("state").asText()).isEqualTo("revoked");

    CliRun again = keep("token", "revoke", id);
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).startsWith("keep:").contains("already revoked");
    CliRun unknown = keep("token", "revoke", "no-such-token");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("keep token list");

    // The machine holding the revoked token is refused.
    Files.writeString(instance.dataDirectory().cliToken(), minted.path("token").asText() + "\n");
    Path file = Files.writeString(base.resolve("app.tar"), "artifact bytes");
    CliRun signed = keep("key", "sign", "release", "--in", file.toString(), "--out", base.resolve("a.sig")
        .toString());
    assertThat(signed.exit()).isNotZero();
    assertThat(signed.err()).startsWith("keep:");
  }
}
