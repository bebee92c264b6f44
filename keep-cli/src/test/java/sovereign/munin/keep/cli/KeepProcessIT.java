package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.tls.ClientTls;

/** The quick start as a user runs it: {@code keep up --dev} in its own process, reached over HTTPS. */
class KeepProcessIT {

  @TempDir
  Path base;

  private Process keep(Path log, String... args) throws IOException {
    return KeepProcesses.start(log, args);
  }

  @Test
  void upDev_servesReadyOverTls_secondOnSamePortFailsCleanly() throws Exception {
    int port = KeepProcesses.freePort();
    Path data = base.resolve("data");
    Process up = keep(base.resolve("up.log"), "up", "--dev", "--data", data.toString(),
        "--listen", "127.0.0.1:" + port);
    try {
      int status = waitForReady(data.resolve("tls/server.crt"), port, Duration.ofSeconds(90), up);
      assertThat(status).as(Files.readString(base.resolve("up.log"))).isEqualTo(200);
      assertThat(data.resolve("dev-admin.token")).exists();
      assertThat(Files.readString(base.resolve("up.log"))).contains("DEV MODE").contains("https://127.0.0.1:" + port);

      Process second = keep(base.resolve("second.log"), "up", "--dev", "--data", base.resolve("data2").toString(),
          "--listen", "127.0.0.1:" + port);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(3);
      assertThat(Files.readString(base.resolve("second.log"))).contains("already in use");
      assertThat(base.resolve("data2")).doesNotExist();
      // The CLI finds this server through the address it recorded, and a server of another instance is named
      // as such rather than blamed on --ca.
      assertThat(Files.readString(data.resolve("server.url")).strip()).isEqualTo("https://127.0.0.1:" + port);
      Path other = base.resolve("other");
      assertThat(CliRun.of("init", "--dev", "--data", other.toString()).exit()).isZero();
      CliRun wrong = CliRun.of("status", "--data", other.toString(), "--server", "https://127.0.0.1:" + port);
      assertThat(wrong.exit()).isEqualTo(3);
      assertThat(wrong.err()).contains("is not the server of " + other).doesNotContain("--ca the");
    } finally {
      up.destroy();
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }
    assertThat(Files.readString(base.resolve("up.log"))).contains("Munin Keep stopped");
    assertThat(data.resolve("server.url")).as("removed at stop").doesNotExist();
  }

  @Test
  void serverOnAnotherPortThanKeepToml_isFoundByTheCli() throws Exception {
    Path data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    // The first admin has chosen a password: the one-time password file is stale.
    try (var instance = sovereign.munin.keep.app.TestInstances.open(data)) {
      var users = sovereign.munin.keep.app.identity.Identity.of(instance,
          sovereign.munin.keep.governance.SessionPolicy.DEFAULT).users();
      users.changePassword(users.byName("admin").id(), Files.readString(data.resolve("dev-admin.password")).strip(),
          "a passphrase of the admin's own choosing");
    }
    int port = KeepProcesses.freePort();
    Process server = keep(base.resolve("server.log"), "server", "--data", data.toString(), "--listen",
        "127.0.0.1:" + port);
    try {
      assertThat(waitForReady(data.resolve("tls/server.crt"), port, Duration.ofSeconds(90), server))
          .as(Files.readString(base.resolve("server.log"))).isEqualTo(200);
      CliRun status = CliRun.of("status", "--data", data.toString());
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out()).contains("https://127.0.0.1:" + port);
      assertThat(Files.readString(base.resolve("server.log"))).doesNotContain("one-time password in");
      assertThat(data.resolve("dev-admin.password")).doesNotExist();
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static int waitForReady(Path ca, int port, Duration limit, Process server) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      if (Files.exists(ca)) {
        try (HttpClient c = HttpClient.newBuilder().sslContext(ClientTls.trusting(ca))
            .connectTimeout(Duration.ofSeconds(2)).build()) {
          return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | RuntimeException notYet) {
          // The server is still starting.
        }
      }
      Thread.sleep(250);
    }
    return -1;
  }
}
