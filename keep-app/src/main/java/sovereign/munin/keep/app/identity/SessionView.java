package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.store.identity.SessionRow;

/**
 * A live browser session: its stored key (the SHA-256 of the cookie, never the cookie), its user, its CSRF token,
 * and when it last passed a second factor.
 */
public record SessionView(String key, String userId, String csrfToken, long createdAt, long lastSeenAt, Long mfaAt) {

  static SessionView of(SessionRow r) {
    return new SessionView(r.idHash(), r.userId(), r.csrfToken(), r.createdAt(), r.lastSeenAt(), r.mfaAt());
  }

  @Override
  public String toString() {
    return "SessionView[user=" + userId + ", createdAt=" + createdAt + "]";
  }
}
