package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A stored browser session: the hash of its cookie value, its CSRF token and its clock readings. */
public record SessionRow(String idHash, String userId, String csrfToken, long createdAt, long lastSeenAt,
    Long mfaAt, Long endedAt) {

  public SessionRow {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(csrfToken, "csrfToken");
  }

  @Override
  public String toString() {
    return "SessionRow[user=" + userId + ", createdAt=" + createdAt + "]";
  }
}
