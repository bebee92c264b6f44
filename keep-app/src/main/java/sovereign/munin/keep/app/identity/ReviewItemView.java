package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.store.identity.ReviewItemRow;

/** One grant in an open access-review round, with the decision once made (null fields while undecided). */
public record ReviewItemView(String reviewId, String grantId, String holder, String projectId, String role,
    String decidedBy, String outcome, Long decidedAt) {

  static ReviewItemView of(ReviewItemRow r) {
    return new ReviewItemView(r.reviewId(), r.grantId(), r.holder(), r.projectId(), r.role(), r.decidedBy(),
        r.outcome(), r.decidedAt());
  }
}
