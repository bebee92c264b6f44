package sovereign.munin.keep.app.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.governance.SessionPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The [access] limits of keep.toml reach the use cases. */
class AccessConfigTest {

  @TempDir
  Path base;

  @Test
  void maxGrantDays_fromConfiguration_limitsRequests() {
    var init = TestInstances.dev(base, null, null);
    try (KeepInstance instance = KeepInstance.open(new DataDirectory(init.dataDir()),
        Map.of("KEEP_ACCESS_MAX_GRANT_DAYS", "30"), Clock.systemUTC(), new SecureRandom())) {
      Identity id = Identity.of(instance, SessionPolicy.DEFAULT);
      id.users().create("test", "olivia", "developer");
      id.users().create("test", "alice", "developer");
      id.projects().create("test", "payments", "olivia");
      var alice = id.users().byName("alice");
      assertThatThrownBy(() -> id.access().open(alice, "payments", "developer", "too long", 31))
          .isInstanceOf(KeepException.class).hasMessageContaining("30");
      assertThat(id.access().open(alice, "payments", "developer", "just right", 30)).isNotNull();
    }
  }
}
