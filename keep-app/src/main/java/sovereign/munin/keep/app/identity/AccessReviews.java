package sovereign.munin.keep.app.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.AccessGrant;
import sovereign.munin.keep.governance.AccessReview;
import sovereign.munin.keep.governance.GovernanceException;
import sovereign.munin.keep.governance.ReviewDecision;
import sovereign.munin.keep.governance.ReviewItem;
import sovereign.munin.keep.governance.ReviewPolicy;
import sovereign.munin.keep.governance.Revocation;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.AccessDao;
import sovereign.munin.keep.store.identity.AccessGrantRow;
import sovereign.munin.keep.store.identity.ReviewDao;
import sovereign.munin.keep.store.identity.ReviewItemRow;
import sovereign.munin.keep.store.identity.ReviewRow;

/**
 * Periodic access reviews: each round puts every live grant to its project's owners; what nobody re-certified
 * by the deadline is revoked when {@link #runDue()} next runs, however late that is.
 */
public final class AccessReviews {

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final Actors actors;
  private final ReviewPolicy policy;

  public AccessReviews(Database state, AuditSink audit, Clock clock, Actors actors, ReviewPolicy policy) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.actors = actors;
    this.policy = policy;
  }

  /** Starts a round if one is due and revokes what reviews say must go; returns how many grants it revoked. */
  public int runDue() {
    Instant now = clock.instant();
    return state.transaction(h -> {
      ReviewDao reviews = h.attach(ReviewDao.class);
      AccessDao grants = h.attach(AccessDao.class);
      List<AccessGrant> live = grants.allActive(now.toEpochMilli()).stream().map(AccessReviews::grant).toList();
      Optional<Instant> last = reviews.latest().map(r -> Instant.ofEpochMilli(r.startedAt()));
      // After downtime one round starts now, not one per missed interval: the missed rounds would all ask the same.
      if (policy.isRoundDue(last, now) && !live.isEmpty()) {
        AccessReview round = AccessReview.start("v_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            live, now, policy);
        reviews.insert(new ReviewRow(round.id(), now.toEpochMilli(), round.deadline().toEpochMilli()));
        round.items().forEach(i -> reviews.insertItem(new ReviewItemRow(round.id(), i.grantId(), i.holder(),
            i.project(), i.role().id(), null, null, null)));
        audit.record(h, AuditEvent.success("scheduler", "access.review-start", "access-review:" + round.id(),
            Map.of("grants", (long) round.items().size(), "deadline", round.deadline().toString())));
      }
      List<AccessReview> all = reviews.since(0).stream().map(r -> load(reviews, r)).toList();
      int revoked = 0;
      for (Revocation r : AccessReview.dueRevocations(live, all, now)) {
        revoked += grants.end(r.grant().id(), now.toEpochMilli());
        audit.record(h, AuditEvent.success("scheduler", "access.revoke", "access-grant:" + r.grant().id(),
            Map.of("review", r.reviewId(), "reason", r.reason().name())).inProject(r.grant().project()));
      }
      return revoked;
    });
  }

  /** A reviewer keeps ({@code keep}) or revokes one grant in an open round. */
  public void decide(UserView reviewer, String reviewId, String grantId, boolean keep) {
    Instant now = clock.instant();
    var actor = actors.of(reviewer);
    state.transaction(h -> {
      ReviewDao reviews = h.attach(ReviewDao.class);
      ReviewRow row = reviews.find(reviewId == null ? "" : reviewId).orElseThrow(() -> new KeepException(
          KeepException.Kind.NOT_FOUND, "review-not-found", "no access review " + reviewId));
      try {
        AccessReview review = load(reviews, row);
        AccessReview after = keep ? review.recertify(grantId, actor, now) : review.revoke(grantId, actor, now);
        ReviewDecision d = after.item(grantId).orElseThrow().decision().orElseThrow();
        if (reviews.decide(reviewId, grantId, d.reviewer(), d.outcome().name(), now.toEpochMilli()) != 1) {
          throw new KeepException(KeepException.Kind.CONFLICT, "already-reviewed", "decided meanwhile");
        }
      } catch (GovernanceException e) {
        throw IdentityErrors.refused(e);
      }
      AccessDao grants = h.attach(AccessDao.class);
      if (keep) {
        grants.recertify(grantId, now.toEpochMilli());
      } else {
        grants.end(grantId, now.toEpochMilli());
      }
      audit.record(h, AuditEvent.success(actor.id(), keep ? "access.recertify" : "access.revoke",
          "access-grant:" + grantId, Map.of("review", reviewId)));
      return null;
    });
  }

  /** Items of rounds still open. */
  public List<ReviewItemView> openItems() {
    long now = clock.millis();
    return state.read(h -> {
      ReviewDao reviews = h.attach(ReviewDao.class);
      return reviews.since(now).stream().flatMap(r -> reviews.items(r.id()).stream()).map(ReviewItemView::of).toList();
    });
  }

  private static AccessReview load(ReviewDao dao, ReviewRow r) {
    List<ReviewItem> items = dao.items(r.id()).stream().map(i -> new ReviewItem(i.grantId(), i.holder(),
        i.projectId(), Role.fromId(i.role()).orElseThrow(), i.decidedBy() == null ? Optional.empty()
        : Optional.of(new ReviewDecision(i.decidedBy(), ReviewDecision.Outcome.valueOf(i.outcome()),
        Instant.ofEpochMilli(i.decidedAt()))))).toList();
    return new AccessReview(r.id(), Instant.ofEpochMilli(r.startedAt()), Instant.ofEpochMilli(r.deadline()), items);
  }

  static AccessGrant grant(AccessGrantRow g) {
    return new AccessGrant(g.id(), "user:" + g.userId(), g.projectId(), Role.fromId(g.role()).orElseThrow(),
        Instant.ofEpochMilli(g.fromAt()), Instant.ofEpochMilli(g.untilAt()), g.approvedByOwner(),
        g.approvedBySecurity(), Instant.ofEpochMilli(g.lastReviewedAt()));
  }
}
