package sovereign.munin.keep.app.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.AccessPolicy;
import sovereign.munin.keep.governance.AccessRequest;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.GovernanceException;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.AccessDao;

/**
 * Need-to-know access requests: opened by a user, approved by a project owner AND the security team (two
 * different people, neither the requester), or denied. The second approval writes the time-bound grant.
 */
public final class AccessRequests {

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final Actors actors;
  private final Projects projects;
  private final AccessPolicy policy;

  public AccessRequests(Database state, AuditSink audit, Clock clock, Actors actors, Projects projects,
      AccessPolicy policy) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.actors = actors;
    this.projects = projects;
    this.policy = policy;
  }

  public AccessRequest open(UserView requester, String projectName, String role, String reason, int days) {
    String projectId = projects.byName(projectName).id();
    Role r = Role.fromId(role == null ? "" : role).orElseThrow(() -> KeepException.badInput("bad-role",
        "unknown role '" + role + "'"));
    if (days < 1) {
      throw KeepException.badInput("bad-days", "days must be at least 1");
    }
    Instant now = clock.instant();
    AccessRequest q;
    try {
      q = AccessRequest.open("r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
          actors.of(requester), projectId, r, reason == null ? "" : reason, Duration.ofDays(days), now, policy);
    } catch (GovernanceException e) {
      throw IdentityErrors.refused(e);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-access-request", e.getMessage());
    }
    state.transaction(h -> {
      h.attach(AccessDao.class).insertRequest(AccessRecords.toRow(q));
      audit.record(h, new AuditEvent(q.requester(), "access.request", "success", "access-request:" + q.id(),
          projectId, null, Map.of("role", r.id(), "days", (long) days), null, null)
          .withPersonal(q.requester(), Map.of("reason", q.reason())));
      return null;
    });
    return q;
  }

  public AccessRequest approve(UserView approver, String id) {
    return decide(approver, id, null);
  }

  public AccessRequest deny(UserView approver, String id, String why) {
    return decide(approver, id, why == null || why.isBlank() ? "no reason given" : why);
  }

  private AccessRequest decide(UserView approverRow, String id, String denyReason) {
    AccessRequest before = find(id);
    Actor approver = actors.of(approverRow);
    Instant now = clock.instant();
    AccessRequest after;
    try {
      after = denyReason == null ? before.approve(approver, now) : before.deny(approver, denyReason, now);
    } catch (GovernanceException e) {
      throw IdentityErrors.refused(e);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-decision", e.getMessage());
    }
    state.transaction(h -> {
      AccessDao dao = h.attach(AccessDao.class);
      if (dao.decide(AccessRecords.toRow(after), before.approvals().size()) != 1) {
        throw new KeepException(KeepException.Kind.CONFLICT, "request-changed", "request " + id + " was decided "
            + "by someone else meanwhile; look at it again");
      }
      after.grant().ifPresent(g -> dao.insertGrant(AccessRecords.toRow(g)));
      String action = denyReason != null ? "access.deny" : "access.approve";
      AuditEvent e = new AuditEvent(approver.id(), action, "success", "access-request:" + id, before.project(),
          null, Map.of("status", after.status().name(), "approvals", (long) after.approvals().size()), null, null);
      // A denial's reason is free text about the requester: sealed under the requester, so erasing them reaches it.
      audit.record(h, denyReason == null ? e : e.withPersonal(before.requester(), Map.of("reason", denyReason)));
      return null;
    });
    return after;
  }

  public AccessRequest find(String id) {
    return state.read(h -> h.attach(AccessDao.class).findRequest(id == null ? "" : id)).map(AccessRecords::toModel)
        .orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND, "request-not-found",
            "no access request " + id));
  }

  public List<AccessRequest> list() {
    return state.read(h -> h.attach(AccessDao.class).requests(500)).stream().map(AccessRecords::toModel).toList();
  }

  /** Every grant not yet over: who has what, since when, approved by whom, last reviewed when. */
  public List<sovereign.munin.keep.governance.AccessGrant> report() {
    return state.read(h -> h.attach(AccessDao.class).allActive(clock.millis())).stream()
        .map(AccessReviews::grant).toList();
  }
}
