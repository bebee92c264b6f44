package sovereign.munin.keep.app.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.RotationPolicy;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/**
 * Applies every key's rotation policy: publishes the next version ahead, rotates when due, retires versions whose
 * overlap ended. It keeps no state of its own (all of it is in the versions' times), so it survives restarts, and
 * a run after downtime catches up at once.
 */
public final class RotationScheduler implements AutoCloseable {

  /** One thing a run did, for reports and the CLI. */
  public record Action(String key, String action, int version) {}

  private static final Logger LOG = LoggerFactory.getLogger(RotationScheduler.class);
  private static final String ACTOR = "scheduler:rotation";

  private final KeepInstance instance;
  private final ManagedKeys keys;
  private ScheduledExecutorService timer;

  public RotationScheduler(KeepInstance instance, ManagedKeys keys) {
    this.instance = instance;
    this.keys = keys;
  }

  /** Runs now and then every {@code periodSeconds}; runs are skipped while sealed. */
  public synchronized void start(long periodSeconds) {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("key-rotation")
        .unstarted(r));
    timer.scheduleWithFixedDelay(this::runQuietly, 0, periodSeconds, TimeUnit.SECONDS);
  }

  private void runQuietly() {
    if (instance.seal().isSealed()) {
      return;
    }
    try {
      runDue(keys);
    } catch (RuntimeException e) {
      LOG.warn("key rotation run failed; it will be retried: {}", e.getMessage());
    }
  }

  /** One run with the instance's clock. */
  public List<Action> runDue() {
    return runDue(keys);
  }

  /** One run as if it were {@code now}: the dev-mode demo override. */
  public List<Action> runDueAt(Instant now) {
    return runDue(keys.at(Clock.fixed(now, java.time.ZoneOffset.UTC)));
  }

  private static List<Action> runDue(ManagedKeys at) {
    long now = at.clock().millis();
    List<Action> done = new ArrayList<>();
    for (KeyView view : at.list()) {
      if (!view.status().equals("active")) {
        continue;
      }
      try {
        StoredKey k = StoredKey.load(at.state(), view.name());
        RotationPolicy policy = k.policy();
        var active = k.inState(VersionState.ACTIVE);
        if (active.isPresent() && active.get().activatedAt() != null) {
          switch (policy.dueAt(Instant.ofEpochMilli(active.get().activatedAt()),
              k.inState(VersionState.PRE_ACTIVE).isPresent(), Instant.ofEpochMilli(now))) {
            case ROTATE -> {
              KeyView r = at.rotate(view.name(), ACTOR);
              done.add(new Action(view.name(), "rotate", r.activeVersion()));
            }
            case PUBLISH_NEXT -> {
              KeyView p = at.publishNext(view.name(), ACTOR);
              done.add(new Action(view.name(), "publish", p.versions().getLast().version()));
            }
            case NOTHING -> { }
          }
        }
        List<Integer> overlapping = StoredKey.load(at.state(), view.name()).versions().stream()
            .filter(v -> VersionRows.state(v) == VersionState.OVERLAP && v.overlapUntil() != null
                && v.overlapUntil() <= now).map(KeyVersionRow::version).toList();
        if (at.retireExpired(view.name(), ACTOR) > 0) {
          overlapping.forEach(v -> done.add(new Action(view.name(), "retire", v)));
        }
      } catch (KeepException e) {
        if (e.kind() == KeepException.Kind.SEALED) {
          throw e;
        }
        LOG.warn("rotating key {} failed: {}", view.name(), e.getMessage());
      }
    }
    return done;
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
