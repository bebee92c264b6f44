package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.Objects;

/** The refusal of an access request by an eligible approver, with their reason. */
public record Denial(String by, String reason, Instant at) {
    public static final int MAX_REASON_LENGTH = 2000;

    public Denial {
        Ids.require(by, "denied by");
        Ids.text(reason, "denial reason", MAX_REASON_LENGTH);
        Objects.requireNonNull(at, "at");
    }
}
