package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a governance action was refused for one specific rule. */
final class Refusals {
    private Refusals() {}

    static void assertRefused(ThrowingCallable action, Refusal refusal) {
        assertThatThrownBy(action)
                .isInstanceOf(GovernanceException.class)
                .extracting(e -> ((GovernanceException) e).refusal())
                .isEqualTo(refusal);
    }
}
