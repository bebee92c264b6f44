package sovereign.munin.keep.store;

import java.util.Objects;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A stored API token: the hash of its secret, what it may do, and when it stops working. A token owned by a
 * user ({@code userId}) acts with that user's current roles, narrowed to {@code scopeProjects},
 * {@code scopePermissions} (comma-separated ids) and {@code scopeKeys} (comma-separated key names); empty means no
 * narrowing. {@code kind} is {@link #LOGIN} for the token {@code keep login} keeps for a person, {@link #API} for a
 * token minted for a machine.
 */
public record ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
    Long revokedAt, String userId, String scopeProjects, String scopePermissions, String scopeKeys, String kind) {

  public static final String LOGIN = "login";
  public static final String API = "api";

  @JdbiConstructor
  public ApiTokenRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
    scopeProjects = scopeProjects == null ? "" : scopeProjects;
    scopePermissions = scopePermissions == null ? "" : scopePermissions;
    scopeKeys = scopeKeys == null ? "" : scopeKeys;
    kind = kind == null ? API : kind;
  }

  /** A machine token without key narrowing. */
  public ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
      Long revokedAt, String userId, String scopeProjects, String scopePermissions) {
    this(id, tokenHash, label, role, createdAt, expiresAt, revokedAt, userId, scopeProjects, scopePermissions, "",
        API);
  }

  /** A token that holds a role itself, owned by no user (the bootstrap admin token). */
  public ApiTokenRow(String id, String tokenHash, String label, String role, long createdAt, Long expiresAt,
      Long revokedAt) {
    this(id, tokenHash, label, role, createdAt, expiresAt, revokedAt, null, "", "", "", API);
  }

  /** True when the token may be used at the given time. */
  public boolean usableAt(long epochMillis) {
    return revokedAt == null && (expiresAt == null || epochMillis < expiresAt);
  }
}
