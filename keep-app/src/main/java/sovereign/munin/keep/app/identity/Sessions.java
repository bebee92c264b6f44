package sovereign.munin.keep.app.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.ApiTokenDao;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.SessionDao;
import sovereign.munin.keep.store.identity.SessionRow;

/**
 * Browser sessions: a 256-bit random cookie value stored only as its SHA-256, a CSRF token per session, an idle
 * timeout and an absolute lifetime. A login always starts a new session and ends the one presented, so an id
 * planted before login is worthless after it.
 */
public final class Sessions {

  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
  // Writing last_seen on every request would make each read a write; a minute's slack in the idle clock is fine.
  private static final long TOUCH_EVERY_MS = 30_000;

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;
  private final SecureRandom rng;
  private final SessionPolicy policy;

  public Sessions(Database state, AuditSink audit, Clock clock, SecureRandom rng, SessionPolicy policy) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
    this.rng = rng;
    this.policy = policy;
  }

  /** A started session: the cookie value and CSRF token are returned once and never stored in clear. */
  public record Started(String cookie, String csrfToken, SessionView session) {
    @Override
    public String toString() {
      return "Started[user=" + session.userId() + ", secrets redacted]";
    }
  }

  public SessionPolicy policy() {
    return policy;
  }

  /** Starts a session for {@code userId}, ending {@code previousCookie}'s session if one was presented. */
  public Started start(String userId, boolean mfaDone, String previousCookie) {
    String cookie = random();
    String csrf = random();
    long now = clock.millis();
    SessionRow row = new SessionRow(hash(cookie), userId, csrf, now, now, mfaDone ? now : null, null);
    state.transaction(h -> {
      SessionDao dao = h.attach(SessionDao.class);
      if (previousCookie != null && FORM.matcher(previousCookie).matches()) {
        dao.end(hash(previousCookie), now);
      }
      dao.insert(row);
      audit.record(h, AuditEvent.success("user:" + userId, "user.login", "user:" + userId, Map.of("mfa", mfaDone)));
      return null;
    });
    return new Started(cookie, csrf, SessionView.of(row));
  }

  /** The live session behind a cookie value, or empty when unknown, ended, idle too long or too old. */
  public Optional<SessionView> resolve(String cookie) {
    if (cookie == null || !FORM.matcher(cookie).matches()) {
      return Optional.empty();
    }
    long now = clock.millis();
    Optional<SessionRow> row = state.read(h -> h.attach(SessionDao.class).find(hash(cookie)))
        .filter(s -> s.endedAt() == null)
        .filter(s -> policy.liveAt(Instant.ofEpochMilli(s.createdAt()), Instant.ofEpochMilli(s.lastSeenAt()),
            Instant.ofEpochMilli(now)));
    row.filter(s -> now - s.lastSeenAt() >= TOUCH_EVERY_MS)
        .ifPresent(s -> state.transaction(h -> h.attach(SessionDao.class).touch(s.idHash(), now)));
    return row.map(SessionView::of);
  }

  /** True when the session passed an MFA check within the step-up window. */
  public boolean recentMfa(SessionView s) {
    return policy.freshAt(s.mfaAt() == null ? null : Instant.ofEpochMilli(s.mfaAt()), clock.instant());
  }

  /**
   * Records that the session just passed a second factor. The check itself is audited where it happens (a step-up
   * as {@code user.step-up}, an enrolment as {@code user.mfa-enrol}), so this writes no event of its own.
   */
  public void markMfa(SessionView s) {
    state.transaction(h -> h.attach(SessionDao.class).markMfa(s.key(), clock.millis()));
  }

  public void end(SessionView s) {
    state.transaction(h -> {
      h.attach(SessionDao.class).end(s.key(), clock.millis());
      audit.record(h, AuditEvent.success("user:" + s.userId(), "user.logout", "user:" + s.userId(), Map.of()));
      return null;
    });
  }

  /** Ends every session of the user and revokes every token they own. */
  public void endEverywhere(String actor, String userId) {
    state.transaction(h -> {
      long now = clock.millis();
      int sessions = h.attach(SessionDao.class).endAll(userId, now);
      int tokens = h.attach(ApiTokenDao.class).revokeAllOf(userId, now);
      audit.record(h, AuditEvent.success(actor, "user.logout-everywhere", "user:" + userId, Map.of(
          "sessions", (long) sessions, "tokens", (long) tokens)));
      return null;
    });
  }

  private String random() {
    byte[] b = new byte[32];
    rng.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String cookie) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(cookie.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
