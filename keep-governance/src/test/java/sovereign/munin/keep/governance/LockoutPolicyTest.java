package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {
    private final LockoutPolicy policy = LockoutPolicy.DEFAULT;

    @ParameterizedTest
    @CsvSource({"0, 0", "4, 0", "5, 1", "6, 2", "7, 4", "8, 8", "9, 16", "10, 32", "11, 60", "12, 60", "1000, 60",
        "2147483647, 60"})
    void lockDuration_failureCount_doublesFromOneMinuteCappedAtOneHour(int failures, long minutes) {
        assertThat(policy.lockDuration(failures)).isEqualTo(Duration.ofMinutes(minutes));
    }

    @Test
    void lockedUntil_belowThreshold_notLocked() {
        assertThat(policy.lockedUntil(4, T0)).isEmpty();
    }

    @Test
    void lockedUntil_atThreshold_lastFailurePlusLock() {
        assertThat(policy.lockedUntil(5, T0)).contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(policy.lockedUntil(7, T0)).contains(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void isLockedAt_fiveFailures_lockedForOneMinuteThenFree() {
        LoginFailures failures = LoginFailures.NONE;
        for (int i = 0; i < 5; i++) {
            failures = failures.afterFailure(T0.plusSeconds(i));
        }
        Instant last = T0.plusSeconds(4);

        assertThat(policy.isLockedAt(failures, last)).isTrue();
        assertThat(policy.isLockedAt(failures, last.plus(Duration.ofMinutes(1)).minusNanos(1))).isTrue();
        assertThat(policy.isLockedAt(failures, last.plus(Duration.ofMinutes(1)))).isFalse();
    }

    @Test
    void isLockedAt_afterSuccess_resetToUnlocked() {
        LoginFailures failures = new LoginFailures(9, Optional.of(T0)).afterSuccess();

        assertThat(failures).isEqualTo(LoginFailures.NONE);
        assertThat(policy.isLockedAt(failures, T0)).isFalse();
        assertThat(policy.lockedUntil(failures)).isEmpty();
    }

    @Test
    void isLockedAt_fourFailures_notLocked() {
        assertThat(policy.isLockedAt(new LoginFailures(4, Optional.of(T0)), T0)).isFalse();
    }

    @Test
    void lockDuration_customPolicy_usesItsThresholdAndCap() {
        LockoutPolicy strict = new LockoutPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));

        assertThat(strict.lockDuration(2)).isZero();
        assertThat(strict.lockDuration(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(strict.lockDuration(6)).isEqualTo(Duration.ofMinutes(4));
        assertThat(strict.lockDuration(7)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void lockDuration_negativeCount_throwsIllegalArgument() {
        assertThatThrownBy(() -> policy.lockDuration(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_capBelowFirstLockOrZeroThreshold_throwsIllegalArgument() {
        assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(0, Duration.ofMinutes(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
