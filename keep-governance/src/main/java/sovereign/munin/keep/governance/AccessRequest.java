package sovereign.munin.keep.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A need-to-know request for a project role, which becomes ACTIVE only with BOTH an approval by an owner of
 * that project AND one by the security team, from two different people, neither of them the requester.
 *
 * <p>Immutable: each transition returns a new request or throws {@link GovernanceException} and changes
 * nothing. A request left PENDING past {@link #expiresAt()} can no longer be decided, only expired.
 */
public record AccessRequest(String id, String requester, String project, Role role, String reason, Duration duration,
        Instant createdAt, Instant expiresAt, Status status, List<Approval> approvals, Optional<Denial> denial) {
    public static final int MAX_REASON_LENGTH = 2000;

    /** PENDING until decided; ACTIVE means approved (the grant's own window says whether access is live). */
    public enum Status { PENDING, ACTIVE, DENIED, EXPIRED }

    public AccessRequest {
        Ids.require(id, "request id");
        Ids.require(requester, "requester");
        Ids.require(project, "project");
        Objects.requireNonNull(role, "role");
        Ids.text(reason, "reason", MAX_REASON_LENGTH);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(denial, "denial");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        // The same invariants the transitions enforce, so a record read back from storage is as sound.
        if (approvals.size() > 2
                || approvals.stream().map(Approval::capacity).distinct().count() != approvals.size()
                || approvals.stream().map(Approval::approver).distinct().count() != approvals.size()
                || approvals.stream().anyMatch(a -> a.approver().equals(requester))) {
            throw new IllegalArgumentException("approvals must be at most one per capacity, by distinct people, "
                    + "none of them the requester");
        }
        boolean complete = approvals.size() == 2;
        boolean consistent = switch (status) {
            case PENDING, EXPIRED -> !complete && denial.isEmpty();
            case ACTIVE -> complete && denial.isEmpty();
            case DENIED -> !complete && denial.isPresent();
        };
        if (!consistent) {
            throw new IllegalArgumentException("status " + status + " does not fit " + approvals.size()
                    + " approval(s) and " + (denial.isPresent() ? "a" : "no") + " denial");
        }
    }

    /**
     * Opens a request for a project-scoped role. Refused when the requester may not request access, when
     * the role is global (admin, security team, auditor and reporter are assigned, not requested), or when
     * the duration exceeds the policy's maximum.
     */
    public static AccessRequest open(String id, Actor requester, String project, Role role, String reason,
            Duration duration, Instant now, AccessPolicy policy) throws GovernanceException {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        if (!requester.permits(Permission.ACCESS_REQUEST)) {
            throw new GovernanceException(Refusal.NOT_PERMITTED, requester.id() + " may not request access");
        }
        if (role.scope() != Role.Scope.PROJECT) {
            throw new GovernanceException(Refusal.ROLE_NOT_REQUESTABLE, role.id() + " is a global role; only "
                    + "project roles can be requested");
        }
        if (duration.compareTo(policy.maxGrantDuration()) > 0) {
            throw new GovernanceException(Refusal.DURATION_TOO_LONG, "requested " + duration.toDays()
                    + " days; at most " + policy.maxGrantDuration().toDays() + " days may be granted");
        }
        return new AccessRequest(id, requester.id(), project, role, reason, duration, now,
                now.plus(policy.pendingTimeout()), Status.PENDING, List.of(), Optional.empty());
    }

    /**
     * Records {@code approver}'s approval in the capacity they hold for this project; the second approval
     * makes the request ACTIVE. Someone who is both an owner of the project and on the security team fills
     * the owner capacity first: a project often has one owner but the security team has several members, so
     * the other approval can still come from someone else.
     */
    public AccessRequest approve(Actor approver, Instant now) throws GovernanceException {
        requireDecidable(approver, now);
        if (approvals.stream().anyMatch(a -> a.approver().equals(approver.id()))) {
            throw new GovernanceException(Refusal.SAME_APPROVER, approver.id() + " already approved request " + id
                    + "; the other approval must come from someone else");
        }
        Set<Approval.Capacity> eligible = capacitiesOf(approver);
        if (eligible.isEmpty()) {
            throw new GovernanceException(Refusal.APPROVER_NOT_ELIGIBLE, approver.id()
                    + " is neither an owner of project " + project + " nor on the security team");
        }
        approvals.forEach(a -> eligible.remove(a.capacity()));
        if (eligible.isEmpty()) {
            throw new GovernanceException(Refusal.ALREADY_APPROVED, "request " + id + " already has the "
                    + "approval that " + approver.id() + " could give");
        }
        Approval.Capacity capacity = eligible.contains(Approval.Capacity.PROJECT_OWNER)
                ? Approval.Capacity.PROJECT_OWNER : Approval.Capacity.SECURITY_TEAM;
        List<Approval> more = new ArrayList<>(approvals);
        more.add(new Approval(approver.id(), capacity, now));
        Status next = more.size() == 2 ? Status.ACTIVE : Status.PENDING;
        return new AccessRequest(id, requester, project, role, reason, duration, createdAt, expiresAt, next, more, denial);
    }

    /** Denies the request; any person eligible to approve it may, even after giving their own approval. */
    public AccessRequest deny(Actor approver, String why, Instant now) throws GovernanceException {
        requireDecidable(approver, now);
        if (capacitiesOf(approver).isEmpty()) {
            throw new GovernanceException(Refusal.APPROVER_NOT_ELIGIBLE, approver.id()
                    + " is neither an owner of project " + project + " nor on the security team");
        }
        return new AccessRequest(id, requester, project, role, reason, duration, createdAt, expiresAt, Status.DENIED,
                approvals, Optional.of(new Denial(approver.id(), why, now)));
    }

    /** Marks a request that waited past {@link #expiresAt()} as EXPIRED. */
    public AccessRequest expire(Instant now) throws GovernanceException {
        Objects.requireNonNull(now, "now");
        if (status != Status.PENDING) {
            throw new GovernanceException(Refusal.REQUEST_DECIDED, "request " + id + " is already " + status);
        }
        if (now.isBefore(expiresAt)) {
            throw new GovernanceException(Refusal.NOT_YET_EXPIRED, "request " + id + " may wait until " + expiresAt);
        }
        return new AccessRequest(id, requester, project, role, reason, duration, createdAt, expiresAt, Status.EXPIRED,
                approvals, denial);
    }

    /** The status as of {@code now}: a PENDING request past its deadline reads as EXPIRED before it is marked. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    /** The time-bound grant of an ACTIVE request, starting at the second approval; its id is the request's. */
    public Optional<AccessGrant> grant() {
        if (status != Status.ACTIVE) {
            return Optional.empty();
        }
        Approval owner = approval(Approval.Capacity.PROJECT_OWNER);
        Approval security = approval(Approval.Capacity.SECURITY_TEAM);
        Instant from = owner.at().isAfter(security.at()) ? owner.at() : security.at();
        return Optional.of(new AccessGrant(id, requester, project, role, from, from.plus(duration),
                owner.approver(), security.approver(), from));
    }

    private Approval approval(Approval.Capacity capacity) {
        return approvals.stream().filter(a -> a.capacity() == capacity).findFirst().orElseThrow();
    }

    private void requireDecidable(Actor actor, Instant now) throws GovernanceException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
        if (status != Status.PENDING) {
            throw new GovernanceException(Refusal.REQUEST_DECIDED, "request " + id + " is already " + status);
        }
        if (!now.isBefore(expiresAt)) {
            throw new GovernanceException(Refusal.REQUEST_EXPIRED, "request " + id + " expired at " + expiresAt);
        }
        if (actor.id().equals(requester)) {
            throw new GovernanceException(Refusal.SELF_DECISION, actor.id() + " cannot decide their own request");
        }
    }

    private Set<Approval.Capacity> capacitiesOf(Actor actor) {
        Set<Approval.Capacity> capacities = EnumSet.noneOf(Approval.Capacity.class);
        if (actor.permits(Permission.ACCESS_APPROVE_OWNER, project)) {
            capacities.add(Approval.Capacity.PROJECT_OWNER);
        }
        if (actor.permits(Permission.ACCESS_APPROVE_SECURITY, project)) {
            capacities.add(Approval.Capacity.SECURITY_TEAM);
        }
        return capacities;
    }
}
