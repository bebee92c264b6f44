package sovereign.munin.keep.app.identity;

import java.time.Duration;
import java.util.Objects;

/** How long sessions live: an idle timeout, an absolute lifetime, and how fresh MFA must be for step-up. */
public record SessionPolicy(Duration idle, Duration absolute, Duration stepUp) {

  public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(12),
      Duration.ofMinutes(5));

  public SessionPolicy {
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(absolute, "absolute");
    Objects.requireNonNull(stepUp, "stepUp");
    if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || stepUp.isNegative()) {
      throw new IllegalArgumentException("need 0 < idle <= absolute and stepUp >= 0");
    }
  }
}
