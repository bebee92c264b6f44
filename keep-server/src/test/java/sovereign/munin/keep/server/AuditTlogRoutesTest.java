package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.LogKeys;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.TileId;
import sovereign.munin.keep.log.export.TlogExportVerifier;

/** The served C2SP tlog-tiles read path: what a client downloads verifies as a tlog-tiles log offline. */
class AuditTlogRoutesTest {

  @TempDir
  Path base;

  @Test
  void tlogPaths_downloadedLog_verifiesOfflineAndRefusesTilesBeyondTheTree() throws Exception {
    InitResult init = TestInstances.dev(base, null, null);
    try (KeepInstance instance = TestInstances.open(init.dataDir());
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
         HttpClient client = HttpClient.newBuilder().sslContext(ClientTls.trusting(init.tlsCert())).build()) {
      String token = sovereign.munin.keep.app.TestCallers.withRole(instance, "auditor");
      for (int i = 0; i < 300; i++) {
        instance.audit().recordNow(AuditEvent.success("u", "test.event", "t" + i, Map.of()));
      }
      instance.sequencer().integrateAll(10);
      byte[] cp = get(client, server, "/api/v1/audit/tlog/checkpoint", token).body();
      Path dir = Files.createDirectories(base.resolve("download"));
      Files.write(dir.resolve("checkpoint"), cp);
      long size = Checkpoint.parse(Note.parse(cp).text()).size();
      assertThat(size).isGreaterThan(300); // 300 events, plus init and the test caller's creation
      for (TileId id : TileId.tilesOf(size)) {
        for (String path : id.level() == 0 ? List.of(id.path(), id.entriesPath()) : List.of(id.path())) {
          HttpResponse<byte[]> r = get(client, server, "/api/v1/audit/tlog/" + path, token);
          assertThat(r.statusCode()).as(path).isEqualTo(200);
          Files.createDirectories(dir.resolve(path).getParent());
          Files.write(dir.resolve(path), r.body());
        }
      }
      var report = TlogExportVerifier.requiringAll(LogKeys.verifierKeys(instance.state()))
          .verify(dir, Optional.empty(), n -> { });
      assertThat(report.problems()).isEmpty();
      assertThat(report.ok()).isTrue();

      // The right-edge level-0 tile has size-256 hashes; an older, narrower version stays readable.
      int width = (int) (size - 256);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/0/001.p/" + (width - 1), token).body())
          .hasSize((width - 1) * 32);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/0/001.p/" + (width + 1), token).statusCode())
          .isEqualTo(404);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/0/001.p/" + width, null).statusCode()).isEqualTo(401);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/0/002", token).statusCode()).isEqualTo(404);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/entries/001", token).statusCode()).isEqualTo(404);
      assertThat(get(client, server, "/api/v1/audit/tlog/tile/0/../../x", token).statusCode()).isIn(400, 404);
    }
  }

  private static HttpResponse<byte[]> get(HttpClient c, KeepServer s, String path, String token) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(s.url() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
