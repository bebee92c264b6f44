package sovereign.munin.keep.governance;

import java.io.Serial;
import java.util.Objects;

/** A governance rule refused an action; nothing changed. {@link #refusal()} says which rule. */
public final class GovernanceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public GovernanceException(Refusal refusal, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
