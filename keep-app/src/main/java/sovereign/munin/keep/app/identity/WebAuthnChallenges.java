package sovereign.munin.keep.app.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.WebAuthnChallengeDao;
import sovereign.munin.keep.store.identity.WebAuthnChallengeRow;

/**
 * Pending WebAuthn ceremonies: one random 32-byte challenge per user and purpose, valid for five minutes and taken
 * (deleted) before the answer is checked, so a challenge is never accepted twice, even for a failed answer.
 */
final class WebAuthnChallenges {

  /** What a challenge may be answered for; an answer is only checked against a challenge of its own purpose. */
  enum Purpose {
    REGISTRATION("registration"), LOGIN("login"), STEP_UP("step-up");

    final String id;

    Purpose(String id) {
      this.id = id;
    }
  }

  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_ID_LENGTH = 64;

  private final Database state;
  private final Clock clock;
  private final SecureRandom rng;

  WebAuthnChallenges(Database state, Clock clock, SecureRandom rng) {
    this.state = state;
    this.clock = clock;
    this.rng = rng;
  }

  /** A fresh challenge; it replaces the user's pending one of the same purpose, and expired ones are swept. */
  WebAuthnChallengeRow issue(String userId, Purpose purpose) {
    byte[] challenge = new byte[32];
    rng.nextBytes(challenge);
    long now = clock.millis();
    WebAuthnChallengeRow row = new WebAuthnChallengeRow("wc_" + random(18), userId, purpose.id, challenge,
        now + LIFETIME.toMillis());
    state.transaction(h -> {
      WebAuthnChallengeDao dao = h.attach(WebAuthnChallengeDao.class);
      dao.deleteExpired(now);
      dao.deletePending(userId, purpose.id);
      dao.insert(row);
      return null;
    });
    return row;
  }

  /** Takes the user's pending challenge for {@code purpose}: empty when there is none, it expired or was taken. */
  Optional<WebAuthnChallengeRow> take(String userId, Purpose purpose) {
    return state.transaction(h -> {
      WebAuthnChallengeDao dao = h.attach(WebAuthnChallengeDao.class);
      return dao.pending(userId, purpose.id).filter(c -> dao.delete(c.id()) == 1).filter(this::live);
    });
  }

  /** Takes the challenge named {@code id} when it is for {@code purpose}; empty otherwise. */
  Optional<WebAuthnChallengeRow> takeById(String id, Purpose purpose) {
    if (id == null || id.length() > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    return state.transaction(h -> {
      WebAuthnChallengeDao dao = h.attach(WebAuthnChallengeDao.class);
      return dao.find(id).filter(c -> c.purpose().equals(purpose.id)).filter(c -> dao.delete(c.id()) == 1)
          .filter(this::live);
    });
  }

  private boolean live(WebAuthnChallengeRow c) {
    return clock.millis() < c.expiresAt();
  }

  String random(int bytes) {
    byte[] b = new byte[bytes];
    rng.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
