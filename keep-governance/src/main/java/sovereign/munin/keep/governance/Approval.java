package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.Objects;

/** One recorded approval of an access request: who, in which capacity, when. */
public record Approval(String approver, Capacity capacity, Instant at) {
    /** The two approvals an access request needs, each from a different person. */
    public enum Capacity { PROJECT_OWNER, SECURITY_TEAM }

    public Approval {
        Ids.require(approver, "approver");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(at, "at");
    }
}
