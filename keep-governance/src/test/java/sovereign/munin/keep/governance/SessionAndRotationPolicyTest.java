package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionAndRotationPolicyTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private final SessionPolicy sessions = SessionPolicy.DEFAULT;

  @Test
  void session_idleTimeoutAndAbsoluteLifetime_bothEndIt() {
    assertThat(sessions.liveAt(T0, T0, T0.plus(Duration.ofMinutes(14)))).isTrue();
    assertThat(sessions.liveAt(T0, T0, T0.plus(Duration.ofMinutes(15)))).isFalse();
    Instant busy = T0.plus(Duration.ofHours(11).plusMinutes(59));
    assertThat(sessions.liveAt(T0, busy, busy.plusSeconds(30))).isTrue();
    assertThat(sessions.liveAt(T0, busy, T0.plus(Duration.ofHours(12)))).as("used all along, still ends").isFalse();
  }

  @Test
  void stepUp_freshForFiveMinutes_neverWhenAbsentOrAhead() {
    assertThat(sessions.freshAt(T0, T0.plus(Duration.ofMinutes(5)))).isTrue();
    assertThat(sessions.freshAt(T0, T0.plus(Duration.ofMinutes(5)).plusMillis(1))).isFalse();
    assertThat(sessions.freshAt(null, T0)).isFalse();
    assertThat(sessions.freshAt(T0.plusSeconds(10), T0)).as("a clock set back").isFalse();
  }

  @Test
  void sessionPolicy_refusesIdleLongerThanLifetime() {
    assertThatThrownBy(() -> new SessionPolicy(Duration.ofHours(2), Duration.ofHours(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotation_default_publishes14DaysAhead_rotatesAt90() {
    RotationPolicy p = RotationPolicy.DEFAULT;
    assertThat(p.dueAt(T0, false, T0.plus(Duration.ofDays(75)))).isEqualTo(RotationPolicy.Due.NOTHING);
    assertThat(p.dueAt(T0, false, T0.plus(Duration.ofDays(76)))).isEqualTo(RotationPolicy.Due.PUBLISH_NEXT);
    assertThat(p.dueAt(T0, true, T0.plus(Duration.ofDays(80)))).as("already published")
        .isEqualTo(RotationPolicy.Due.NOTHING);
    assertThat(p.dueAt(T0, true, T0.plus(Duration.ofDays(90)))).isEqualTo(RotationPolicy.Due.ROTATE);
    assertThat(p.dueAt(T0, false, T0.plus(Duration.ofDays(400)))).isEqualTo(RotationPolicy.Due.ROTATE);
    assertThat(p.rotationDue(T0)).contains(T0.plus(Duration.ofDays(90)));
    assertThat(p.overlapEnds(T0)).isEqualTo(T0.plus(Duration.ofDays(30)));
  }

  @Test
  void rotation_manual_neverComesDue() {
    RotationPolicy manual = new RotationPolicy(0, 0, 30);
    assertThat(manual.dueAt(T0, false, T0.plus(Duration.ofDays(3650)))).isEqualTo(RotationPolicy.Due.NOTHING);
    assertThat(manual.rotationDue(T0)).isEmpty();
  }

  @Test
  void rotation_boundsAreChecked() {
    assertThatThrownBy(() -> new RotationPolicy(30, 30, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publish days < rotation days");
    assertThatThrownBy(() -> new RotationPolicy(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RotationPolicy(90, 14, 3651)).isInstanceOf(IllegalArgumentException.class);
  }
}
