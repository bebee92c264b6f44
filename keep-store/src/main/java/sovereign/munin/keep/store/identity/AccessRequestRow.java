package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A stored access request with its approvals and denial, if any (times in epoch milliseconds). */
public record AccessRequestRow(String id, String requester, String projectId, String role, String reason,
    long durationMs, long createdAt, long expiresAt, String status, String ownerApprover, Long ownerAt,
    String securityApprover, Long securityAt, String deniedBy, String deniedReason, Long deniedAt) {

  public AccessRequestRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(status, "status");
  }
}
