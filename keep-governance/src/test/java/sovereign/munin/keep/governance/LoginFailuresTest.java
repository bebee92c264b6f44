package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.T0;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginFailuresTest {
    @Test
    void afterFailure_fromNone_countsOneAtThatTime() {
        LoginFailures f = LoginFailures.NONE.afterFailure(T0);

        assertThat(f).isEqualTo(new LoginFailures(1, Optional.of(T0)));
    }

    @Test
    void afterFailure_atMaximumCount_saturates() {
        LoginFailures f = new LoginFailures(Integer.MAX_VALUE, Optional.of(T0)).afterFailure(T0.plusSeconds(1));

        assertThat(f.count()).isEqualTo(Integer.MAX_VALUE);
        assertThat(f.lastFailureAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void constructor_countWithoutTimeOrTimeWithoutCount_throwsIllegalArgument() {
        assertThatThrownBy(() -> new LoginFailures(2, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginFailures(0, Optional.of(T0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginFailures(-1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
