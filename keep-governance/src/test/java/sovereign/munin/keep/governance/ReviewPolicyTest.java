package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewPolicyTest {
    @Test
    void default_everyNinetyDaysWithFourteenToAnswer() {
        assertThat(ReviewPolicy.DEFAULT).isEqualTo(new ReviewPolicy(Duration.ofDays(90), Duration.ofDays(14)));
    }

    @Test
    void isRoundDue_neverReviewed_dueNow() {
        assertThat(ReviewPolicy.DEFAULT.isRoundDue(Optional.empty(), T0)).isTrue();
        assertThat(ReviewPolicy.DEFAULT.nextRoundAt(Optional.empty(), T0)).isEqualTo(T0);
    }

    @Test
    void isRoundDue_lastRoundStarted_dueOneIntervalLater() {
        Optional<Instant> last = Optional.of(T0);

        assertThat(ReviewPolicy.DEFAULT.nextRoundAt(last, T0)).isEqualTo(T0.plus(Duration.ofDays(90)));
        assertThat(ReviewPolicy.DEFAULT.isRoundDue(last, T0.plus(Duration.ofDays(90)).minusSeconds(1))).isFalse();
        assertThat(ReviewPolicy.DEFAULT.isRoundDue(last, T0.plus(Duration.ofDays(90)))).isTrue();
    }

    @Test
    void constructor_windowLongerThanInterval_throwsIllegalArgument() {
        assertThatThrownBy(() -> new ReviewPolicy(Duration.ofDays(10), Duration.ofDays(11)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewPolicy(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
