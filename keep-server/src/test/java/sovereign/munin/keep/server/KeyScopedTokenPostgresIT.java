package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;
import sovereign.munin.keep.store.TestPostgres;

/** KeyScopedTokenTest on PostgreSQL, plus a second server node on the same databases. */
class KeyScopedTokenPostgresIT extends KeyScopedTokenTest {

  @Override
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, TestPostgres.freshDatabase().display(), TestPostgres.freshDatabase().display());
  }

  @Test
  void secondNode_seesARevocationMadeOnTheFirst_atItsNextRequest() throws Exception {
    String ci = releaseToken();
    try (KeepInstance other = TestInstances.open(f.init.dataDir());
         KeepServer node2 = KeepServer.start(other, ListenAddress.parse("127.0.0.1:0"));
         HttpClient client = HttpClient.newBuilder().sslContext(ClientTls.trusting(f.init.tlsCert())).build()) {
      HttpRequest sign = HttpRequest.newBuilder(java.net.URI.create(node2.url() + "/api/v1/keys/release/sign"))
          .header("Authorization", "Bearer " + ci).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(ServerFixture.JSON.writeValueAsString(Map.of("message",
              "aGVsbG8=")))).build();
      assertThat(client.send(sign, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(f.withToken("POST", "/api/v1/auth/logout", "{}", ci).statusCode()).isEqualTo(204);
      assertThat(client.send(sign, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }
}
