package sovereign.munin.keep.governance;

import java.util.Objects;
import java.util.Optional;

/** One grant put to review, copied from the grant when the round started, with the decision if any. */
public record ReviewItem(String grantId, String holder, String project, Role role, Optional<ReviewDecision> decision) {
    public ReviewItem {
        Ids.require(grantId, "grant id");
        Ids.require(holder, "holder");
        Ids.require(project, "project");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(decision, "decision");
    }

    static ReviewItem of(AccessGrant grant) {
        return new ReviewItem(grant.id(), grant.user(), grant.project(), grant.role(), Optional.empty());
    }

    ReviewItem decided(ReviewDecision d) {
        return new ReviewItem(grantId, holder, project, role, Optional.of(d));
    }
}
