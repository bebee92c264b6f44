package sovereign.munin.keep.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Locks sign-in after repeated failures, doubling the lock with each further failure up to a cap:
 * by default the 5th consecutive failure locks for 1 minute, the 6th for 2, the 7th for 4, and so on up to 1 hour.
 *
 * <p>Callers refuse attempts while locked without checking the password and without counting them, so a
 * locked account's lock cannot be stretched by guessing, and reset the count on success
 * ({@link LoginFailures#afterSuccess()}).
 */
public record LockoutPolicy(int threshold, Duration firstLock, Duration maxLock) {
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1));

    public LockoutPolicy {
        Objects.requireNonNull(firstLock, "firstLock");
        Objects.requireNonNull(maxLock, "maxLock");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        if (firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("need 0 < firstLock <= maxLock, got " + firstLock + " and " + maxLock);
        }
    }

    /** How long {@code consecutiveFailures} failures lock for; zero below the threshold. */
    public Duration lockDuration(int consecutiveFailures) {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("failure count must not be negative, was " + consecutiveFailures);
        }
        if (consecutiveFailures < threshold) {
            return Duration.ZERO;
        }
        int doublings = consecutiveFailures - threshold;
        // Past 62 doublings the multiplier overflows a long; the cap has long been reached by then anyway.
        if (doublings >= 62) {
            return maxLock;
        }
        long factor = 1L << doublings;
        if (firstLock.toNanos() > maxLock.toNanos() / factor) {
            return maxLock;
        }
        return firstLock.multipliedBy(factor);
    }

    /** The end of the lock that the latest failure started, if the count reached the threshold. */
    public Optional<Instant> lockedUntil(int consecutiveFailures, Instant lastFailureAt) {
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Duration lock = lockDuration(consecutiveFailures);
        return lock.isZero() ? Optional.empty() : Optional.of(lastFailureAt.plus(lock));
    }

    public Optional<Instant> lockedUntil(LoginFailures failures) {
        Objects.requireNonNull(failures, "failures");
        return failures.lastFailureAt().flatMap(last -> lockedUntil(failures.count(), last));
    }

    public boolean isLockedAt(LoginFailures failures, Instant now) {
        Objects.requireNonNull(now, "now");
        return lockedUntil(failures).map(now::isBefore).orElse(false);
    }
}
