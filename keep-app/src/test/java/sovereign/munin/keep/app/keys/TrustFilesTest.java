package sovereign.munin.keep.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signatures;

/** The signed trust file: contents, signature by the root of trust, and the root's protection. */
class TrustFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
  private KeepInstance instance;
  private ManagedKeys keys;
  private KeyOperations ops;
  private TrustFiles trust;

  @BeforeEach
  void open() {
    var init = TestInstances.dev(base, null, null);
    instance = KeepInstance.open(new DataDirectory(init.dataDir()), Map.of(), clock, new SecureRandom());
    keys = new ManagedKeys(instance, new SecureRandom());
    ops = new KeyOperations(instance, keys);
    trust = new TrustFiles(instance, keys, ops);
  }

  @AfterEach
  void close() {
    instance.close();
  }

  @Test
  void export_signedByRootOfTrust_listsVersionsAndRevocations() throws Exception {
    keys.create("release", "payments", null, "ed25519", null, "t");
    keys.create("secret", "payments", null, "aes-256-gcm", null, "t");
    keys.revoke("release", null, clock.instant(), "leak", "t");
    JsonNode env = JSON.readTree(trust.export("t"));
    byte[] payload = Base64.getDecoder().decode(env.path("payload").asText());
    byte[] sig = Base64.getDecoder().decode(env.path("signatures").get(0).path("sig").asText());
    var root = Signatures.verifier(SignatureAlgorithm.ML_DSA_65,
        Pem.parsePublicKey(ops.exportPublic(TrustFiles.ROOT_KEY, null)));
    assertThat(root.verify(TrustFiles.pae(payload), sig)).isTrue();
    assertThat(env.path("signatures").get(0).path("keyid").asText()).isEqualTo(root.keyId());

    JsonNode body = JSON.readTree(payload);
    JsonNode release = null;
    for (JsonNode k : body.path("keys")) {
      assertThat(k.path("name").asText()).isNotEqualTo("secret");
      if (k.path("name").asText().equals("release")) {
        release = k;
      }
    }
    assertThat(release).isNotNull();
    assertThat(release.path("versions").get(0).path("compromisedAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(release.path("versions").get(0).path("publicKey").asText()).startsWith("-----BEGIN PUBLIC KEY");
  }

  @Test
  void export_twice_reusesTheSameRoot_andRootCannotBeUsedOrChangedByCallers() throws Exception {
    String first = JSON.readTree(trust.export("t")).path("signatures").get(0).path("keyid").asText();
    String second = JSON.readTree(trust.export("t")).path("signatures").get(0).path("keyid").asText();
    assertThat(second).isEqualTo(first);
    assertThatThrownBy(() -> ops.sign(TrustFiles.ROOT_KEY, new byte[] {1}, null, "t"))
        .hasMessageContaining("belongs to the instance");
    assertThatThrownBy(() -> keys.destroy(TrustFiles.ROOT_KEY, null, "t")).hasMessageContaining("belongs to the instance");
  }
}
