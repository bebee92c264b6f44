package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A stored time-bound grant of a project role (times in epoch milliseconds). */
public record AccessGrantRow(String id, String userId, String projectId, String role, long fromAt, long untilAt,
    String approvedByOwner, String approvedBySecurity, long lastReviewedAt) {

  public AccessGrantRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(projectId, "projectId");
  }
}
