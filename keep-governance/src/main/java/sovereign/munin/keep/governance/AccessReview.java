package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One access review round: every grant active when it started is put to its project's owners, who must
 * re-certify it before {@link #deadline()}; what nobody re-certified is then due for revocation
 * ({@link #dueRevocations}).
 */
public record AccessReview(String id, Instant startedAt, Instant deadline, List<ReviewItem> items) {
    public AccessReview {
        Ids.require(id, "review id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(deadline, "deadline");
        items = List.copyOf(items);
        if (!deadline.isAfter(startedAt)) {
            throw new IllegalArgumentException("deadline must be after startedAt");
        }
        if (items.stream().map(ReviewItem::grantId).distinct().count() != items.size()) {
            throw new IllegalArgumentException("a grant appears more than once in review " + id);
        }
    }

    /** Starts a round over the grants active at {@code now}, with the policy's response window. */
    public static AccessReview start(String id, Collection<AccessGrant> grants, Instant now, ReviewPolicy policy) {
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        List<ReviewItem> items = grants.stream().filter(g -> g.isActiveAt(now)).map(ReviewItem::of).toList();
        return new AccessReview(id, now, now.plus(policy.responseWindow()), items);
    }

    public boolean isOpenAt(Instant now) {
        return now.isBefore(deadline);
    }

    public Optional<ReviewItem> item(String grantId) {
        return items.stream().filter(i -> i.grantId().equals(grantId)).findFirst();
    }

    /**
     * Records that {@code reviewer} keeps the grant. The caller also stores
     * {@link AccessGrant#recertifiedAt(Instant)} on the grant itself.
     */
    public AccessReview recertify(String grantId, Actor reviewer, Instant now) throws GovernanceException {
        return decide(grantId, reviewer, ReviewDecision.Outcome.RECERTIFIED, now);
    }

    /** Records that {@code reviewer} revokes the grant; it is due for revocation at once, not at the deadline. */
    public AccessReview revoke(String grantId, Actor reviewer, Instant now) throws GovernanceException {
        return decide(grantId, reviewer, ReviewDecision.Outcome.REVOKED, now);
    }

    private AccessReview decide(String grantId, Actor reviewer, ReviewDecision.Outcome outcome, Instant now)
            throws GovernanceException {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(now, "now");
        if (!isOpenAt(now)) {
            throw new GovernanceException(Refusal.REVIEW_CLOSED, "review " + id + " closed at " + deadline);
        }
        ReviewItem item = item(grantId).orElseThrow(() -> new GovernanceException(Refusal.GRANT_NOT_IN_REVIEW,
                "grant " + grantId + " is not part of review " + id));
        if (item.decision().isPresent()) {
            throw new GovernanceException(Refusal.ALREADY_REVIEWED, "grant " + grantId + " was already reviewed by "
                    + item.decision().get().reviewer());
        }
        if (item.holder().equals(reviewer.id())) {
            throw new GovernanceException(Refusal.SELF_REVIEW, reviewer.id() + " cannot review their own access");
        }
        if (!reviewer.permits(Permission.ACCESS_REVIEW, item.project())) {
            throw new GovernanceException(Refusal.REVIEWER_NOT_ELIGIBLE, reviewer.id()
                    + " may not review access to project " + item.project());
        }
        ReviewItem decided = item.decided(new ReviewDecision(reviewer.id(), outcome, now));
        List<ReviewItem> next = new ArrayList<>(items);
        next.set(items.indexOf(item), decided);
        return new AccessReview(id, startedAt, deadline, next);
    }

    /**
     * The grants, among {@code grants} still active at {@code now}, that must be revoked: those a reviewer
     * revoked, and those no one re-certified in a round whose deadline has passed. A grant with both
     * reasons, or due in several rounds, is listed once, in the order of {@code grants}.
     */
    public static List<Revocation> dueRevocations(Collection<AccessGrant> grants, Collection<AccessReview> reviews,
            Instant now) {
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(reviews, "reviews");
        Objects.requireNonNull(now, "now");
        Map<String, Revocation> due = new LinkedHashMap<>();
        for (AccessGrant grant : grants) {
            if (!grant.isActiveAt(now)) {
                continue; // already over: nothing left to revoke
            }
            for (AccessReview review : reviews) {
                Optional<ReviewItem> item = review.item(grant.id());
                if (item.isEmpty()) {
                    continue;
                }
                Optional<ReviewDecision> decision = item.get().decision();
                if (decision.isPresent() && decision.get().outcome() == ReviewDecision.Outcome.REVOKED) {
                    due.putIfAbsent(grant.id(), new Revocation(grant, review.id(), Revocation.Reason.REVOKED_BY_REVIEWER));
                } else if (decision.isEmpty() && !review.isOpenAt(now)) {
                    due.putIfAbsent(grant.id(), new Revocation(grant, review.id(), Revocation.Reason.NOT_RECERTIFIED));
                }
            }
        }
        return List.copyOf(due.values());
    }
}
