package sovereign.munin.keep.governance;

import java.util.Objects;

/** A grant that a review says must be revoked now, and why. */
public record Revocation(AccessGrant grant, String reviewId, Reason reason) {
    public enum Reason {
        /** Nobody re-certified the grant before the round's deadline. */
        NOT_RECERTIFIED,
        /** A reviewer decided to revoke it. */
        REVOKED_BY_REVIEWER
    }

    public Revocation {
        Objects.requireNonNull(grant, "grant");
        Ids.require(reviewId, "review id");
        Objects.requireNonNull(reason, "reason");
    }
}
