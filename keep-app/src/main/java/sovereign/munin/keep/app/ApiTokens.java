package sovereign.munin.keep.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.ApiTokenDao;
import sovereign.munin.keep.store.ApiTokenRow;
import sovereign.munin.keep.store.Database;

/**
 * Issues and checks API tokens of the form {@code keep_<id>_<secret>}: 256 random bits, shown once, stored only
 * as a SHA-256 (a fast hash suffices because the secret is random, not chosen by a person).
 */
public final class ApiTokens {

  private static final Pattern FORM = Pattern.compile("keep_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
  private final Database state;
  private final Clock clock;
  private final SecureRandom rng;

  public ApiTokens(Database state, Clock clock, SecureRandom rng) {
    this.state = state;
    this.clock = clock;
    this.rng = rng;
  }

  /** A newly issued token: the secret text is returned once and never stored. */
  public record Issued(String id, String secret) {
    @Override
    public String toString() {
      return "Issued[id=" + id + ", secret redacted]";
    }
  }

  /** Issues a token inside the caller's transaction. */
  public Issued issue(Handle h, String label, String role, Duration lifetime) {
    byte[] secret = new byte[32];
    rng.nextBytes(secret);
    String id = randomId();
    String text = "keep_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long now = clock.millis();
    Long expires = lifetime == null ? null : now + lifetime.toMillis();
    h.attach(ApiTokenDao.class).insert(new ApiTokenRow(id, hash(text), label, role, now, expires, null));
    return new Issued(id, text);
  }

  /**
   * Issues a token owned by {@code userId} inside the caller's transaction: it acts with the user's roles,
   * narrowed to the given project ids and permission ids (empty: no narrowing), until it expires.
   */
  public Issued issueForUser(Handle h, String label, String userId, java.util.Collection<String> projects,
      java.util.Collection<String> permissions, Duration lifetime) {
    return issueScoped(h, label, userId, projects, permissions, java.util.List.of(), lifetime);
  }

  /**
   * Issues a machine token owned by {@code userId}, narrowed as {@link #issueForUser} and to the named keys:
   * a token with keys may use only those keys, and only such a token may use a private key without a person
   * behind it.
   */
  public Issued issueScoped(Handle h, String label, String userId, java.util.Collection<String> projects,
      java.util.Collection<String> permissions, java.util.Collection<String> keys, Duration lifetime) {
    return insert(h, label, userId, String.join(",", projects), String.join(",", permissions),
        String.join(",", keys), ApiTokenRow.API, lifetime);
  }

  /**
   * Issues the token {@code keep login} keeps for a person at the command line; {@code mfaDone} when the login
   * passed a second factor, which then counts as a fresh MFA check for sensitive actions.
   */
  public Issued issueLogin(Handle h, String userId, Duration lifetime, boolean mfaDone) {
    Issued issued = insert(h, "keep login", userId, "", "", "", ApiTokenRow.LOGIN, lifetime);
    if (mfaDone) {
      h.attach(ApiTokenDao.class).markMfa(issued.id(), clock.millis());
    }
    return issued;
  }

  /** Records a fresh second-factor check for a login token ({@code keep step-up}). */
  public void markMfa(String tokenId) {
    state.transaction(h -> h.attach(ApiTokenDao.class).markMfa(tokenId, clock.millis()));
  }

  /** Whether the person behind a login token passed a second factor recently enough for {@code policy}. */
  public boolean recentMfa(String tokenId, SessionPolicy policy) {
    Instant now = clock.instant();
    return state.read(h -> h.attach(ApiTokenDao.class).mfaAt(tokenId))
        .filter(at -> policy.freshAt(Instant.ofEpochMilli(at), now)).isPresent();
  }

  private Issued insert(Handle h, String label, String userId, String projects, String permissions, String keys,
      String kind, Duration lifetime) {
    byte[] secret = new byte[32];
    rng.nextBytes(secret);
    String id = randomId();
    String text = "keep_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long now = clock.millis();
    h.attach(ApiTokenDao.class).insert(new ApiTokenRow(id, hash(text), label, "user", now,
        now + lifetime.toMillis(), null, userId, projects, permissions, keys, kind));
    return new Issued(id, text);
  }

  /** The SHA-256 under which a presented token would be stored; empty when the text is not a token at all. */
  public static Optional<String> digest(String presented) {
    return presented != null && FORM.matcher(presented).matches() ? Optional.of(hash(presented)) : Optional.empty();
  }

  /** The token with this digest, live or not; the caller checks {@link TokenView#usableAt}. */
  public Optional<TokenView> byDigest(String digest) {
    return state.read(h -> h.attach(ApiTokenDao.class).findByHash(digest)).map(TokenView::of);
  }

  /** The token when the presented text is a live token; empty otherwise (the reason is not revealed). */
  public Optional<TokenView> authenticate(String presented) {
    long now = clock.millis();
    return digest(presented).flatMap(this::byDigest).filter(t -> t.usableAt(now));
  }

  /** The token with this id, live or not. */
  public Optional<TokenView> byId(String id) {
    return id == null ? Optional.empty() : state.read(h -> h.attach(ApiTokenDao.class).findById(id))
        .map(TokenView::of);
  }

  /** The tokens {@code userId} owns, newest first. */
  public java.util.List<TokenView> listOf(String userId) {
    return state.read(h -> h.attach(ApiTokenDao.class).listOf(userId)).stream().map(TokenView::of).toList();
  }

  /** Every token of the instance. */
  public java.util.List<TokenView> list() {
    return state.read(h -> h.attach(ApiTokenDao.class).list()).stream().map(TokenView::of).toList();
  }

  /** Revokes a token inside the caller's transaction; false when it was already revoked. */
  public boolean revoke(Handle h, String tokenId) {
    return h.attach(ApiTokenDao.class).revoke(tokenId, clock.millis()) == 1;
  }

  private String randomId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
