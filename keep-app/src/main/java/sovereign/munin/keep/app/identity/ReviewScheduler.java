package sovereign.munin.keep.app.identity;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AccessReviews#runDue()} at start (catching up after downtime) and then every minute; a failed run
 * is logged and retried at the next tick, so one bad moment never stops the reviews.
 */
public final class ReviewScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewScheduler.class);

  private final AccessReviews reviews;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "keep-access-reviews");
    t.setDaemon(true);
    return t;
  });

  public ReviewScheduler(AccessReviews reviews) {
    this.reviews = reviews;
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::tick, 0, 60, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      int revoked = reviews.runDue();
      if (revoked > 0) {
        LOG.info("access reviews revoked {} grant(s) that nobody re-certified", revoked);
      }
    } catch (RuntimeException e) {
      LOG.warn("access review run failed; retrying in a minute", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
