package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A standing project role held by one user. */
public record MemberRow(String projectId, String userId, String role, long addedAt) {

  public MemberRow {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }
}
