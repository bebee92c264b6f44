package sovereign.munin.keep.app.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrity alarms about the audit log, raised by this process: a forged or altered pending event set aside, a
 * stored tree that does not match its checkpoint, a log shorter than or forked from what this instance signed.
 * Any alarm but a set-aside event stops the sequencer from signing (reads go on) until the cause is found and the
 * server restarted; each is logged at ERROR and shown by {@code keep status}.
 */
public final class IntegrityAlarms {

  private static final Logger LOG = LoggerFactory.getLogger(IntegrityAlarms.class);
  private static final int MAX_KEPT = 100;

  /** What was found, when, and whether it stops signing. */
  public record Alarm(String kind, String detail, String at, boolean stopsSigning) {}

  private final Clock clock;
  private final List<Alarm> alarms = new ArrayList<>();

  public IntegrityAlarms(Clock clock) {
    this.clock = clock;
  }

  /** Raises an alarm that stops signing. */
  public void stop(String kind, String detail) {
    add(new Alarm(kind, detail, Instant.ofEpochMilli(clock.millis()).toString(), true));
  }

  /** Raises an alarm about one thing set aside; signing goes on. */
  public void note(String kind, String detail) {
    add(new Alarm(kind, detail, Instant.ofEpochMilli(clock.millis()).toString(), false));
  }

  private synchronized void add(Alarm a) {
    LOG.error("AUDIT INTEGRITY ALARM ({}): {}", a.kind(), a.detail());
    if (alarms.size() < MAX_KEPT) {
      alarms.add(a);
    }
  }

  public synchronized List<Alarm> current() {
    return List.copyOf(alarms);
  }

  /** True while an alarm forbids signing. */
  public synchronized boolean signingStopped() {
    return alarms.stream().anyMatch(Alarm::stopsSigning);
  }
}
