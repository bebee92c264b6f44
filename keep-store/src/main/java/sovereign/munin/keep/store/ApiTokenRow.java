package sovereign.munin.keep.store;

import java.util.Objects;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A stored API token: the hash of its secret, what it may do, and when it stops working. A token owned by a
 * user ({@code userId}) acts with that user's current roles, narrowed to {@code scopeProjects} and
 * {@code scopePermissions} (comma-separated ids; empty means no narrowing).
 */
public record ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
    Long revokedAt, String userId, String scopeProjects, String scopePermissions) {

  @JdbiConstructor
  public ApiTokenRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
    scopeProjects = scopeProjects == null ? "" : scopeProjects;
    scopePermissions = scopePermissions == null ? "" : scopePermissions;
  }

  /** A token that holds a role itself, owned by no user (the bootstrap admin token). */
  public ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
      Long revokedAt) {
    this(id, tokenHash, label, role, createdAt, expiresAt, revokedAt, null, "", "");
  }

  /** True when the token may be used at the given time. */
  public boolean usableAt(long epochMillis) {
    return revokedAt == null && (expiresAt == null || epochMillis < expiresAt);
  }
}
