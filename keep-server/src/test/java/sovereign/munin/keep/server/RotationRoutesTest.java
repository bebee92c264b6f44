package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;

/** A simulated "now" for rotation is a dev-only demo aid: production refuses it. */
class RotationRoutesTest {

  @TempDir
  Path base;

  @Test
  void rotateDue_nowOnProductionInstance_isRefused() throws Exception {
    InitResult init = TestInstances.shamir(base, ListenAddress.parse("127.0.0.1:0"));
    try (KeepInstance instance = TestInstances.open(init.dataDir());
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
         HttpClient client = HttpClient.newBuilder().sslContext(ClientTls.trusting(init.tlsCert())).build()) {
      init.shareFiles().subList(0, 3).forEach(f -> instance.seal().submitShare(TestInstances.share(f)));
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url()
          + "/api/v1/keys/rotate-due")).header("Authorization", "Bearer "
          + sovereign.munin.keep.app.TestCallers.withRole(instance, "security-team"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"now\":\"2030-01-01T00:00:00Z\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("now-dev-only");
    }
  }
}
