package sovereign.munin.keep.app;

import java.util.List;
import sovereign.munin.keep.store.ApiTokenRow;

/**
 * An API token as listings and callers see it: never its secret or the hash of it. {@code kind} is
 * {@code bootstrap} (init's admin token, owned by no user), {@code login} (a person's {@code keep login}) or
 * {@code api} (a machine token); {@code keys} non-empty makes a machine token key-scoped.
 */
public record TokenView(String id, String label, String kind, String ownerUserId, String role, long createdAt,
    Long expiresAt, Long revokedAt, List<String> projects, List<String> permissions, List<String> keys) {

  public static final String BOOTSTRAP = "bootstrap";
  public static final String LOGIN = ApiTokenRow.LOGIN;
  public static final String API = ApiTokenRow.API;

  static TokenView of(ApiTokenRow r) {
    return new TokenView(r.id(), r.label(), r.userId() == null ? BOOTSTRAP : r.kind(), r.userId(), r.role(),
        r.createdAt(), r.expiresAt(), r.revokedAt(), split(r.scopeProjects()), split(r.scopePermissions()),
        split(r.scopeKeys()));
  }

  /** Live at that moment: not revoked and not expired. */
  public boolean usableAt(long epochMillis) {
    return revokedAt == null && (expiresAt == null || epochMillis < expiresAt);
  }

  /** {@code active}, {@code expired} or {@code revoked}. */
  public String state(long epochMillis) {
    return revokedAt != null ? "revoked" : usableAt(epochMillis) ? "active" : "expired";
  }

  private static List<String> split(String csv) {
    return csv.isEmpty() ? List.of() : List.of(csv.split(","));
  }
}
