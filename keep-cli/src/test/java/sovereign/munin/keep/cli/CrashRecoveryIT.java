package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.tls.ClientTls;

/**
 * A crash under load loses no acknowledged write: writers create users through the API of a {@code keep up --dev}
 * process, the process is killed with SIGKILL in the middle of it, and after a restart every user whose creation was
 * answered 201 exists, with its {@code user.create} audit event, and {@code keep audit verify} passes.
 */
class CrashRecoveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

  @TempDir
  Path base;

  @Test
  void killMinus9UnderLoad_everyAcknowledgedWriteSurvives_andTheLogVerifies() throws Exception {
    Path data = base.resolve("data");
    int port = KeepProcesses.freePort();
    Process first = keep(base.resolve("first.log"), "up", "--dev", "--data", data.toString(), "--listen",
        "127.0.0.1:" + port);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    try (HttpClient http = client(data, port, first, base.resolve("first.log"))) {
      String token = Files.readString(data.resolve("dev-admin.token")).strip();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.submit(() -> write(http, port, token, writer, acknowledged, stop));
      }
      Instant deadline = Instant.now().plusSeconds(120);
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      // SIGKILL while the writers are still sending: no shutdown hook, no flush, no clean close.
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }
    assertThat(acknowledged).as(Files.readString(base.resolve("first.log")))
        .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    Process second = keep(base.resolve("second.log"), "up", "--dev", "--data", data.toString(), "--listen",
        "127.0.0.1:" + port);
    try (HttpClient http = client(data, port, second, base.resolve("second.log"))) {
      String token = Files.readString(data.resolve("dev-admin.token")).strip();
      JsonNode users = JSON.readTree(get(http, port, token, "/api/v1/users"));
      Set<String> present = new java.util.HashSet<>();
      users.forEach(u -> present.add(u.get("id").asText()));
      assertThat(present).containsAll(acknowledged);
    } finally {
      second.destroy();
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // Every acknowledged creation has its audit event (read from the files, as an auditor at the machine would).
    Set<String> created = new java.util.HashSet<>();
    try (var instance = sovereign.munin.keep.app.TestInstances.open(data)) {
      instance.sequencer().integrateAll(1000);
      for (var e : instance.auditReader().search(new sovereign.munin.keep.app.audit.AuditReader.Query(null,
          "user.create", null, 0, Long.MAX_VALUE, 1000))) {
        created.add(readTree(e.entryText()).get("target").asText().replaceFirst("^user:", ""));
      }
    }
    assertThat(created).containsAll(acknowledged);

    Process verify = keep(base.resolve("verify.log"), "audit", "verify", "--data", data.toString());
    assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(base.resolve("verify.log"));
    assertThat(verify.exitValue()).as(out).isZero();
    assertThat(out).startsWith("OK: ");
  }

  /** Creates users until told to stop or the server is gone; records each creation the server answered 201. */
  private static void write(HttpClient http, int port, String token, int writer, Set<String> acknowledged,
      AtomicBoolean stop) {
    for (int i = 0; !stop.get(); i++) {
      String body = "{\"name\":\"w" + writer + "-" + i + "\",\"role\":\"developer\"}";
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
            + "/api/v1/users")).header("Authorization", "Bearer " + token).header("Content-Type",
            "application/json").timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201) {
          acknowledged.add(JSON.readTree(r.body()).get("id").asText());
        }
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String get(HttpClient http, int port, String token, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** A client trusting the instance's certificate, once the server answers ready. */
  private static HttpClient client(Path data, int port, Process server, Path log) throws Exception {
    Path ca = data.resolve("tls/server.crt");
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      if (Files.exists(ca) && Files.exists(data.resolve("dev-admin.token"))) {
        HttpClient c = HttpClient.newBuilder().sslContext(ClientTls.trusting(ca))
            .connectTimeout(Duration.ofSeconds(2)).build();
        try {
          int status = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status == 200) {
            return c;
          }
        } catch (IOException notYet) {
          // Still starting.
        }
        c.close();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the server did not become ready:\n" + Files.readString(log));
  }

  private Process keep(Path log, String... args) throws IOException {
    return KeepProcesses.start(log, args);
  }
}
