package sovereign.munin.keep.server;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.GenerationCache;
import sovereign.munin.keep.app.StateGeneration;
import sovereign.munin.keep.app.TokenView;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Role;

/**
 * Turns a presented API token into its caller: the token row, its user (not disabled) and the user's roles and
 * live grants. Resolutions are kept in memory, keyed by the token's SHA-256, only while the state database's change
 * counter stands still (any revocation, logout, disabling, role, membership or grant change moves it, on any node)
 * and only until the token expires or one of the user's grants starts or ends. Each request still reads the
 * counter, so every such change takes effect at the next request.
 */
final class TokenCallers {

  private static final int CAPACITY = 10_000;

  /** A resolved token: its caller, and until when time alone leaves the resolution right. */
  private record Resolved(Caller caller, long stableUntil) {}

  private final Identity identity;
  private final Clock clock;
  private final StateGeneration generation;
  private final GenerationCache<String, Resolved> cache = new GenerationCache<>(CAPACITY);

  TokenCallers(Identity identity, StateGeneration generation, Clock clock) {
    this.identity = identity;
    this.clock = clock;
    this.generation = generation;
  }

  /** The caller behind {@code presented}, or empty when it is no live token of an enabled user. */
  Optional<Caller> resolve(String presented) {
    Optional<String> digest = ApiTokens.digest(presented);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    long gen = generation.current();
    Resolved r = cache.get(gen, digest.get(), this::load);
    long now = clock.millis();
    if (r != null && now >= r.stableUntil()) {
      cache.remove(digest.get());
      r = load(digest.get());
    }
    if (r == null || !r.caller().token().usableAt(now)) {
      return Optional.empty();
    }
    return Optional.of(r.caller());
  }

  private Resolved load(String digest) {
    TokenView t = identity.tokens().byDigest(digest).orElse(null);
    if (t == null) {
      return null;
    }
    if (t.ownerUserId() == null) {
      Set<Role> roles = Role.fromId(t.role()).map(Set::of).orElse(Set.of());
      return new Resolved(new Caller(new Actor("token:" + t.id(), roles, Map.of()), null, null, t, false),
          Long.MAX_VALUE);
    }
    var user = identity.users().enabled(t.ownerUserId());
    if (user.isEmpty()) {
      return null;
    }
    long until = identity.actors().stableUntil(t.ownerUserId());
    Caller c = new Caller(identity.actors().of(user.get()), user.get().id(), null, t, user.get().mustChangePassword());
    return new Resolved(c, until);
  }
}
