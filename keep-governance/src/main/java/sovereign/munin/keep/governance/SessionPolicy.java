package sovereign.munin.keep.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long sessions live: an idle timeout, an absolute lifetime, and how fresh a second factor must be for a
 * sensitive action (step-up). By default 15 minutes idle, 12 hours at most, step-up within 5 minutes.
 */
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

    /** Whether a session started at {@code createdAt} and last used at {@code lastSeenAt} is still live at {@code now}. */
    public boolean liveAt(Instant createdAt, Instant lastSeenAt, Instant now) {
        return now.isBefore(lastSeenAt.plus(idle)) && now.isBefore(createdAt.plus(absolute));
    }

    /**
     * Whether a second factor passed at {@code mfaAt} (null: never) still counts as fresh at {@code now}. A time
     * ahead of {@code now} (a clock set back) does not count.
     */
    public boolean freshAt(Instant mfaAt, Instant now) {
        return mfaAt != null && !mfaAt.isAfter(now) && !now.isAfter(mfaAt.plus(stepUp));
    }
}
