package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-bound project role held by {@code user} from {@code from} (inclusive) until {@code until}
 * (exclusive), with the two people who approved it; approval counts as the first review.
 */
public record AccessGrant(String id, String user, String project, Role role, Instant from, Instant until,
        String approvedByOwner, String approvedBySecurity, Instant lastReviewedAt) {
    public AccessGrant {
        Ids.require(id, "grant id");
        Ids.require(user, "user");
        Ids.require(project, "project");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Ids.require(approvedByOwner, "approvedByOwner");
        Ids.require(approvedBySecurity, "approvedBySecurity");
        Objects.requireNonNull(lastReviewedAt, "lastReviewedAt");
        if (role.scope() != Role.Scope.PROJECT) {
            throw new IllegalArgumentException("a grant carries a project role, not " + role.id());
        }
        // until == from is allowed: a grant revoked the moment it began is empty, never active.
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("until must not be before from");
        }
        if (approvedByOwner.equals(approvedBySecurity) || approvedByOwner.equals(user)
                || approvedBySecurity.equals(user)) {
            throw new IllegalArgumentException("a grant needs two approvers who differ from each other and from the user");
        }
        if (lastReviewedAt.isBefore(from)) {
            throw new IllegalArgumentException("lastReviewedAt must not be before from");
        }
    }

    public boolean isActiveAt(Instant time) {
        Objects.requireNonNull(time, "time");
        return !time.isBefore(from) && time.isBefore(until);
    }

    /** A copy recording a re-certification at {@code at}; the end of the grant does not move. */
    public AccessGrant recertifiedAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.isBefore(lastReviewedAt)) {
            throw new IllegalArgumentException("re-certification at " + at + " precedes the last one at " + lastReviewedAt);
        }
        return new AccessGrant(id, user, project, role, from, until, approvedByOwner, approvedBySecurity, at);
    }

    /** A copy that ends at {@code at} (revocation); a grant already ending earlier is returned unchanged. */
    public AccessGrant endedAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (!at.isBefore(until)) {
            return this;
        }
        Instant end = at.isAfter(from) ? at : from;
        return new AccessGrant(id, user, project, role, from, end, approvedByOwner, approvedBySecurity,
                lastReviewedAt);
    }
}
