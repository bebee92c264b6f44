package sovereign.munin.keep.store;

import java.util.Objects;

/** A stored API token: the hash of its secret, what it may do, and when it stops working. */
public record ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
    Long revokedAt) {

  public ApiTokenRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
  }

  /** True when the token may be used at the given time. */
  public boolean usableAt(long epochMillis) {
    return revokedAt == null && (expiresAt == null || epochMillis < expiresAt);
  }
}
