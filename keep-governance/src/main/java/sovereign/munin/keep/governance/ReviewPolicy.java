package sovereign.munin.keep.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How often access is reviewed, and how long owners have to re-certify each grant in a round. */
public record ReviewPolicy(Duration interval, Duration responseWindow) {
    public static final ReviewPolicy DEFAULT = new ReviewPolicy(Duration.ofDays(90), Duration.ofDays(14));

    public ReviewPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(responseWindow, "responseWindow");
        if (interval.isNegative() || interval.isZero() || responseWindow.isNegative() || responseWindow.isZero()) {
            throw new IllegalArgumentException("review interval and response window must be positive");
        }
        // Otherwise rounds would overlap and a grant could be owed to two open rounds at once.
        if (responseWindow.compareTo(interval) > 0) {
            throw new IllegalArgumentException("response window " + responseWindow + " is longer than the interval "
                    + interval);
        }
    }

    /** When the next round is due: now if none ever ran, else one interval after the last round started. */
    public Instant nextRoundAt(Optional<Instant> lastRoundStartedAt, Instant now) {
        Objects.requireNonNull(lastRoundStartedAt, "lastRoundStartedAt");
        Objects.requireNonNull(now, "now");
        return lastRoundStartedAt.map(last -> last.plus(interval)).orElse(now);
    }

    public boolean isRoundDue(Optional<Instant> lastRoundStartedAt, Instant now) {
        return !now.isBefore(nextRoundAt(lastRoundStartedAt, now));
    }
}
