package sovereign.munin.keep.store.identity;

/** One grant in a review round, with the decision once made. */
public record ReviewItemRow(String reviewId, String grantId, String holder, String projectId, String role,
    String decidedBy, String outcome, Long decidedAt) {}
