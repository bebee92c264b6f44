package sovereign.munin.keep.app.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.TokenView;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.Database;

/**
 * The token use cases: a person mints a machine token narrowed to projects, permissions and keys; {@code keep login}
 * receives a login token; tokens are listed and revoked. Each change is one transaction with its audit event
 * ({@code token.issue}, {@code token.revoke}); secrets are returned once and never stored.
 */
public final class Tokens {

  /** What a person asks for: a label, narrowing to projects (ids or names), permissions and keys, a lifetime. */
  public record Request(String label, List<String> projects, List<String> permissions, List<String> keys,
      Integer days) {}

  private static final int MAX_SCOPE = 64;
  private static final int DEFAULT_DAYS = 30;

  private final Database state;
  private final AuditSink audit;
  private final ApiTokens tokens;
  private final Projects projects;

  Tokens(Database state, AuditSink audit, ApiTokens tokens, Projects projects) {
    this.state = state;
    this.audit = audit;
    this.tokens = tokens;
    this.projects = projects;
  }

  /**
   * Mints a machine token owned by {@code userId}, audited as {@code token.issue} by {@code actor}. A token narrowed
   * to keys must be narrowed to the projects those keys belong to; {@code projectOfKey} names a key's project (and
   * refuses an unknown key).
   */
  public ApiTokens.Issued issue(String actor, String userId, Request req, Function<String, String> projectOfKey) {
    int days = req.days() == null ? DEFAULT_DAYS : req.days();
    if (days < 1 || days > 365) {
      throw KeepException.badInput("bad-days", "days must be 1..365");
    }
    List<String> perms = bounded("permissions", req.permissions());
    perms.forEach(p -> Permission.fromId(p).orElseThrow(() ->
        KeepException.badInput("bad-permission", "unknown permission '" + p + "'")));
    List<String> projectIds = new ArrayList<>();
    for (String p : bounded("projects", req.projects())) {
      projectIds.add(projects.find(p).orElseThrow(() -> IdentityErrors.notFound("project", p)).id());
    }
    List<String> keyNames = bounded("keys", req.keys());
    if (!keyNames.isEmpty() && projectIds.isEmpty()) {
      throw KeepException.badInput("token-keys-need-project", "a token narrowed to keys must also be narrowed to "
          + "the project(s) those keys belong to: add \"projects\" (keep token create --project P)");
    }
    for (String k : keyNames) {
      if (!projectIds.contains(projects.byName(projectOfKey.apply(k)).id())) {
        throw KeepException.badInput("token-key-outside-projects", "key '" + k + "' does not belong to the "
            + "token's projects");
      }
    }
    String label = req.label() == null || req.label().isBlank() ? "api" : req.label().strip();
    if (label.length() > 200) {
      throw KeepException.badInput("bad-label", "a token label is at most 200 characters");
    }
    return state.transaction(h -> {
      ApiTokens.Issued i = tokens.issueScoped(h, label, userId, projectIds, perms, keyNames, Duration.ofDays(days));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("kind", TokenView.API);
      details.put("projects", projectIds);
      details.put("permissions", perms);
      details.put("keys", keyNames);
      details.put("days", (long) days);
      audit.record(h, AuditEvent.success(actor, "token.issue", "token:" + i.id(), details));
      return i;
    });
  }

  /**
   * The token {@code keep login} keeps for a person who has just signed in; {@code mfaDone} when the sign-in passed
   * a second factor, which then counts as a fresh MFA check. Audited as {@code token.issue} of kind login.
   */
  ApiTokens.Issued issueLogin(String userId, Duration lifetime, boolean mfaDone) {
    return state.transaction(h -> {
      ApiTokens.Issued i = tokens.issueLogin(h, userId, lifetime, mfaDone);
      audit.record(h, AuditEvent.success("user:" + userId, "token.issue", "token:" + i.id(), Map.of(
          "kind", TokenView.LOGIN, "mfa", mfaDone, "days", lifetime.toDays())));
      return i;
    });
  }

  /** The tokens {@code userId} owns. */
  public List<TokenView> listOf(String userId) {
    return tokens.listOf(userId);
  }

  /** Every token of the instance. */
  public List<TokenView> all() {
    return tokens.list();
  }

  /** The token with this id, live or not. */
  public Optional<TokenView> byId(String id) {
    return tokens.byId(id);
  }

  /** Revokes one token at once, audited as {@code token.revoke}; a token already revoked is a conflict. */
  public TokenView revoke(String actor, String tokenId) {
    TokenView token = tokens.byId(tokenId).orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND,
        "token-not-found", "no token '" + tokenId + "'"));
    if (!end(actor, token, "revoke")) {
      throw new KeepException(KeepException.Kind.CONFLICT, "token-already-revoked", "token '" + tokenId
          + "' was already revoked" + (token.revokedAt() == null ? ""
          : " at " + Instant.ofEpochMilli(token.revokedAt())));
    }
    return tokens.byId(tokenId).orElseThrow();
  }

  /** Ends the token a caller signed out with ({@code keep logout}), audited as {@code token.revoke} via logout. */
  public void logout(String actor, TokenView token) {
    end(actor, token, "logout");
  }

  /** Records a fresh second-factor check for a login token ({@code keep step-up}). */
  public void markMfa(String tokenId) {
    tokens.markMfa(tokenId);
  }

  /** Whether the person behind a login token passed a second factor recently enough for {@code policy}. */
  public boolean recentMfa(String tokenId, SessionPolicy policy) {
    return tokens.recentMfa(tokenId, policy);
  }

  /** The token behind a presented secret's digest, live or not. */
  public Optional<TokenView> byDigest(String digest) {
    return tokens.byDigest(digest);
  }

  private boolean end(String actor, TokenView token, String via) {
    return state.transaction(h -> {
      if (!tokens.revoke(h, token.id())) {
        return false;
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("label", token.label());
      details.put("owner", token.ownerUserId() == null ? TokenView.BOOTSTRAP : token.ownerUserId());
      details.put("via", via);
      audit.record(h, AuditEvent.success(actor, "token.revoke", "token:" + token.id(), details));
      return true;
    });
  }

  private static List<String> bounded(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_SCOPE || values.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 64
        || v.contains(","))) {
      throw KeepException.badInput("bad-" + field, field + ": at most " + MAX_SCOPE + " names of 1-64 characters, "
          + "no commas");
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }
}
