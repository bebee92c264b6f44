package sovereign.munin.keep.app.keys;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.governance.RotationPolicy;
import static org.assertj.core.api.Assertions.assertThat;

/** The rotation policy on a simulated clock: publish ahead, rotate, overlap, retire, restarts and downtime. */
class RotationSchedulerTest {

  @TempDir
  Path base;

  private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
  private Path dataDir;
  private KeepInstance instance;
  private ManagedKeys keys;

  @BeforeEach
  void open() {
    dataDir = TestInstances.dev(base, null, null).dataDir();
    reopen();
  }

  private void reopen() {
    if (instance != null) {
      instance.close();
    }
    instance = KeepInstance.open(new DataDirectory(dataDir), Map.of(), clock, new SecureRandom());
    keys = new ManagedKeys(instance, new SecureRandom());
  }

  @AfterEach
  void close() {
    instance.close();
  }

  private String state(int version) {
    return keys.show("release").versions().get(version - 1).state();
  }

  @Test
  void runDue_defaultPolicy_publishesAheadRotatesThenRetires() {
    keys.create("release", "p", null, "ed25519", null, "t");
    var scheduler = new RotationScheduler(instance, keys);
    clock.advance(Duration.ofDays(75));
    assertThat(scheduler.runDue()).isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(scheduler.runDue()).containsExactly(new RotationScheduler.Action("release", "publish", 2));
    assertThat(state(2)).isEqualTo("pre-active");
    assertThat(scheduler.runDue()).isEmpty();

    clock.advance(Duration.ofDays(14));
    assertThat(scheduler.runDue()).containsExactly(new RotationScheduler.Action("release", "rotate", 2));
    assertThat(state(1)).isEqualTo("overlap");
    assertThat(state(2)).isEqualTo("active");

    clock.advance(Duration.ofDays(30));
    assertThat(scheduler.runDue()).containsExactly(new RotationScheduler.Action("release", "retire", 1));
    assertThat(state(1)).isEqualTo("retired");
  }

  @Test
  void runDue_afterRestartAndLongDowntime_catchesUpInOneRun() {
    keys.create("release", "p", null, "ed25519", null, "t");
    reopen();
    clock.advance(Duration.ofDays(400));
    var actions = new RotationScheduler(instance, keys).runDue();
    assertThat(actions).containsExactly(new RotationScheduler.Action("release", "rotate", 2));
    assertThat(keys.show("release").activeVersion()).isEqualTo(2);
    reopen();
    clock.advance(Duration.ofDays(30));
    assertThat(new RotationScheduler(instance, keys).runDue())
        .containsExactly(new RotationScheduler.Action("release", "retire", 1));
  }

  @Test
  void runDueAt_manualPolicyOrRevokedKey_isLeftAlone() {
    keys.create("manual", "p", null, "ed25519", new RotationPolicy(0, 0, 30), "t");
    keys.create("release", "p", null, "ed25519", null, "t");
    keys.revoke("release", null, clock.instant(), "leak", "t");
    var actions = new RotationScheduler(instance, keys).runDueAt(clock.instant().plus(Duration.ofDays(365)));
    assertThat(actions).isEmpty();
    assertThat(keys.show("manual").versions()).hasSize(1);
  }

  @Test
  void runDueAt_futureNow_rotatesAsIfThen() {
    keys.create("release", "p", null, "ed25519", null, "t");
    var actions = new RotationScheduler(instance, keys).runDueAt(clock.instant().plus(Duration.ofDays(91)));
    assertThat(actions).containsExactly(new RotationScheduler.Action("release", "rotate", 2));
  }
}
