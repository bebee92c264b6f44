package sovereign.munin.keep.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  private final SecureRandom rng = new SecureRandom();

  @Test
  void isAVersion7UuidCarryingTheEventTime() {
    long millis = 1_795_000_000_123L;
    UUID id = UUID.fromString(EventIds.next(millis, rng));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
  }

  @Test
  void laterEventsSortAfterEarlierOnesAsText() {
    List<String> ids = new ArrayList<>();
    for (long t = 1_700_000_000_000L; t < 1_700_000_000_000L + 500; t += 7) {
      ids.add(EventIds.next(t, rng));
    }
    assertThat(ids).isSorted();
  }

  @Test
  void idsInTheSameMillisecondDiffer() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      seen.add(EventIds.next(1_700_000_000_000L, rng));
    }
    assertThat(seen).hasSize(20_000);
  }

  @Test
  void refusesTimesAVersion7UuidCannotHold() {
    assertThatThrownBy(() -> EventIds.next(-1, rng)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventIds.next(1L << 48, rng)).isInstanceOf(IllegalArgumentException.class);
  }
}
