package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessGrantTest {
    private static final Instant UNTIL = T0.plus(Duration.ofDays(30));

    static AccessGrant grant(String id, String user, String project) {
        return new AccessGrant(id, user, project, Role.DEVELOPER, T0, UNTIL, "olga", "sam", T0);
    }

    @Test
    void isActiveAt_window_fromInclusiveUntilExclusive() {
        AccessGrant g = grant("g1", "dana", APOLLO);

        assertThat(g.isActiveAt(T0.minusNanos(1))).isFalse();
        assertThat(g.isActiveAt(T0)).isTrue();
        assertThat(g.isActiveAt(UNTIL.minusNanos(1))).isTrue();
        assertThat(g.isActiveAt(UNTIL)).isFalse();
    }

    @Test
    void recertifiedAt_later_recordsTimeAndKeepsEnd() {
        AccessGrant g = grant("g1", "dana", APOLLO).recertifiedAt(T0.plus(Duration.ofDays(10)));

        assertThat(g.lastReviewedAt()).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(g.until()).isEqualTo(UNTIL);
    }

    @Test
    void recertifiedAt_beforeLastReview_throwsIllegalArgument() {
        AccessGrant g = grant("g1", "dana", APOLLO).recertifiedAt(T0.plus(Duration.ofDays(10)));

        assertThatThrownBy(() -> g.recertifiedAt(T0.plus(Duration.ofDays(9))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endedAt_midWindow_inactiveFromThen() {
        Instant revoked = T0.plus(Duration.ofDays(3));
        AccessGrant g = grant("g1", "dana", APOLLO).endedAt(revoked);

        assertThat(g.isActiveAt(revoked.minusSeconds(1))).isTrue();
        assertThat(g.isActiveAt(revoked)).isFalse();
    }

    @Test
    void endedAt_atOrBeforeStart_neverActive() {
        AccessGrant g = grant("g1", "dana", APOLLO).endedAt(T0.minusSeconds(5));

        assertThat(g.until()).isEqualTo(T0);
        assertThat(g.isActiveAt(T0)).isFalse();
    }

    @Test
    void endedAt_afterEnd_unchanged() {
        AccessGrant g = grant("g1", "dana", APOLLO);

        assertThat(g.endedAt(UNTIL.plusSeconds(1))).isEqualTo(g);
    }

    @Test
    void constructor_oneApproverTwice_throwsIllegalArgument() {
        assertThatThrownBy(() -> new AccessGrant("g", "dana", APOLLO, Role.DEVELOPER, T0, UNTIL, "bea", "bea", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_userApprovedOwnGrant_throwsIllegalArgument() {
        assertThatThrownBy(() -> new AccessGrant("g", "dana", APOLLO, Role.DEVELOPER, T0, UNTIL, "dana", "sam", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_globalRoleOrEndBeforeStart_throwsIllegalArgument() {
        assertThatThrownBy(() -> new AccessGrant("g", "dana", APOLLO, Role.ADMIN, T0, UNTIL, "olga", "sam", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessGrant("g", "dana", APOLLO, Role.DEVELOPER, T0, T0.minusSeconds(1),
                "olga", "sam", T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
