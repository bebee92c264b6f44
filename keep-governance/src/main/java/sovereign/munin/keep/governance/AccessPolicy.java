package sovereign.munin.keep.governance;

import java.time.Duration;
import java.util.Objects;

/** Limits for access requests: the longest grant one may ask for, and how long it may wait for decisions. */
public record AccessPolicy(Duration maxGrantDuration, Duration pendingTimeout) {
    public static final AccessPolicy DEFAULT = new AccessPolicy(Duration.ofDays(90), Duration.ofDays(14));

    public AccessPolicy {
        Objects.requireNonNull(maxGrantDuration, "maxGrantDuration");
        Objects.requireNonNull(pendingTimeout, "pendingTimeout");
        if (maxGrantDuration.isNegative() || maxGrantDuration.isZero()) {
            throw new IllegalArgumentException("maxGrantDuration must be positive, was " + maxGrantDuration);
        }
        if (pendingTimeout.isNegative() || pendingTimeout.isZero()) {
            throw new IllegalArgumentException("pendingTimeout must be positive, was " + pendingTimeout);
        }
    }
}
