package sovereign.munin.keep.app.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.governance.AccessGrant;
import sovereign.munin.keep.governance.AccessRequest;
import sovereign.munin.keep.governance.Approval;
import sovereign.munin.keep.governance.Denial;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.identity.AccessGrantRow;
import sovereign.munin.keep.store.identity.AccessRequestRow;

/** Converts between stored rows and the governance records whose rules decide what may happen. */
final class AccessRecords {

  private AccessRecords() {}

  static AccessRequest toModel(AccessRequestRow r) {
    List<Approval> approvals = new ArrayList<>();
    if (r.ownerApprover() != null) {
      approvals.add(new Approval(r.ownerApprover(), Approval.Capacity.PROJECT_OWNER, at(r.ownerAt())));
    }
    if (r.securityApprover() != null) {
      approvals.add(new Approval(r.securityApprover(), Approval.Capacity.SECURITY_TEAM, at(r.securityAt())));
    }
    Optional<Denial> denial = r.deniedBy() == null ? Optional.empty()
        : Optional.of(new Denial(r.deniedBy(), r.deniedReason(), at(r.deniedAt())));
    return new AccessRequest(r.id(), r.requester(), r.projectId(), Role.fromId(r.role()).orElseThrow(), r.reason(),
        Duration.ofMillis(r.durationMs()), at(r.createdAt()), at(r.expiresAt()),
        AccessRequest.Status.valueOf(r.status()), approvals, denial);
  }

  static AccessRequestRow toRow(AccessRequest q) {
    Optional<Approval> owner = approval(q, Approval.Capacity.PROJECT_OWNER);
    Optional<Approval> security = approval(q, Approval.Capacity.SECURITY_TEAM);
    return new AccessRequestRow(q.id(), q.requester(), q.project(), q.role().id(), q.reason(),
        q.duration().toMillis(), q.createdAt().toEpochMilli(), q.expiresAt().toEpochMilli(), q.status().name(),
        owner.map(Approval::approver).orElse(null), owner.map(a -> a.at().toEpochMilli()).orElse(null),
        security.map(Approval::approver).orElse(null), security.map(a -> a.at().toEpochMilli()).orElse(null),
        q.denial().map(Denial::by).orElse(null), q.denial().map(Denial::reason).orElse(null),
        q.denial().map(d -> d.at().toEpochMilli()).orElse(null));
  }

  /** The grant row; the user column holds the bare user id, as sessions and tokens know it. */
  static AccessGrantRow toRow(AccessGrant g) {
    return new AccessGrantRow(g.id(), g.user().replaceFirst("^user:", ""), g.project(), g.role().id(),
        g.from().toEpochMilli(), g.until().toEpochMilli(), g.approvedByOwner(), g.approvedBySecurity(),
        g.lastReviewedAt().toEpochMilli());
  }

  private static Optional<Approval> approval(AccessRequest q, Approval.Capacity c) {
    return q.approvals().stream().filter(a -> a.capacity() == c).findFirst();
  }

  private static Instant at(Long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
