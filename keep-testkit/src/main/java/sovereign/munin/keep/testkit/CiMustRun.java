package sovereign.munin.keep.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Under {@code CI=true}, a test that aborts (an assumption failed: PostgreSQL, the HSM, the browser or a peer
 * verifier is missing) fails instead of being skipped, so CI cannot pass without having run it. Elsewhere an abort
 * stays a skip, so a developer without those parts can still run the rest.
 *
 * <p>Registered for every test through {@code META-INF/services} and JUnit's extension autodetection, which the
 * build switches on for all modules; helpers only call {@code Assumptions.abort} with the reason.
 */
public final class CiMustRun implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private final boolean ci;

  /** The extension as the build registers it: strict when the environment says {@code CI=true}. */
  public CiMustRun() {
    this("true".equals(System.getenv("CI")));
  }

  CiMustRun(boolean ci) {
    this.ci = ci;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw judged(context, t);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw judged(context, t);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw judged(context, t);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw judged(context, t);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw judged(context, t);
  }

  private Throwable judged(ExtensionContext context, Throwable t) {
    if (!ci || !(t instanceof TestAbortedException)) {
      return t;
    }
    return new AssertionFailedError("CI=true: " + context.getDisplayName() + " must run here, but it would have "
        + "been skipped: " + t.getMessage() + " (.ci/run installs and starts what the tests need)", t);
  }
}
