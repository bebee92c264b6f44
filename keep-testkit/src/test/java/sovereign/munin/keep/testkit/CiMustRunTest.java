package sovereign.munin.keep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventStatistics;

class CiMustRunTest {

  @Test
  void underCi_anAbortInTheTestFails() {
    check(AbortsInTest.class, true, s -> s.started(1).aborted(0).failed(1));
  }

  @Test
  void underCi_anAbortInBeforeEachFails() {
    check(AbortsInBeforeEach.class, true, s -> s.started(1).aborted(0).failed(1));
  }

  @Test
  void outsideCi_anAbortStaysASkip() {
    check(AbortsInTest.class, false, s -> s.started(1).aborted(1).failed(0));
    check(AbortsInBeforeEach.class, false, s -> s.started(1).aborted(1).failed(0));
  }

  @Test
  void underCi_otherOutcomesAreUntouched() {
    check(Passes.class, true, s -> s.started(1).succeeded(1).failed(0));
    check(FailsOnItsOwn.class, true, s -> s.started(1).failed(1).aborted(0));
  }

  @Test
  void theServiceFileNamesTheExtension() throws Exception {
    try (var in = getClass().getClassLoader().getResourceAsStream(
        "META-INF/services/org.junit.jupiter.api.extension.Extension")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip())
          .isEqualTo(CiMustRun.class.getName());
    }
  }

  private static void check(Class<?> sample, boolean strict, Consumer<EventStatistics> expected) {
    ci = strict;
    // Autodetection is off here, so only the extension the sample registers (strict or not) takes part.
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .selectors(selectClass(sample)).execute().testEvents().assertStatistics(expected);
  }

  static boolean ci;

  static class AbortsInTest {
    @RegisterExtension CiMustRun strict = new CiMustRun(ci);

    @Test
    void needsAPart() {
      Assumptions.abort("the part is missing");
    }
  }

  static class AbortsInBeforeEach {
    @RegisterExtension CiMustRun strict = new CiMustRun(ci);

    @BeforeEach
    void part() {
      Assumptions.abort("the part is missing");
    }

    @Test
    void needsAPart() {
    }
  }

  static class Passes {
    @RegisterExtension CiMustRun strict = new CiMustRun(ci);

    @Test
    void passes() {
    }
  }

  static class FailsOnItsOwn {
    @RegisterExtension CiMustRun strict = new CiMustRun(ci);

    @Test
    void fails() {
      throw new AssertionError("broken");
    }
  }
}
