package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Consecutive failed sign-ins of one account, and when the latest happened; reset by a success. */
public record LoginFailures(int count, Optional<Instant> lastFailureAt) {
    public static final LoginFailures NONE = new LoginFailures(0, Optional.empty());

    public LoginFailures {
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if ((count == 0) != lastFailureAt.isEmpty()) {
            throw new IllegalArgumentException("a failure time is recorded exactly when the count is positive");
        }
    }

    public LoginFailures afterFailure(Instant at) {
        Objects.requireNonNull(at, "at");
        // Saturate rather than wrap: the lock is capped long before this matters.
        return new LoginFailures(count == Integer.MAX_VALUE ? count : count + 1, Optional.of(at));
    }

    public LoginFailures afterSuccess() {
        return NONE;
    }
}
