package sovereign.munin.keep.server;

import java.util.Set;
import sovereign.munin.keep.app.TokenView;
import sovereign.munin.keep.app.identity.SessionView;
import sovereign.munin.keep.governance.Actor;

/**
 * Who is calling: the governance actor with their roles, and how they proved it (a session or a token, with the
 * token's narrowing). {@code userId} is null for the bootstrap admin token, which belongs to no user.
 */
record Caller(Actor actor, String userId, SessionView session, TokenView token, boolean mustChangePassword) {

  /** The id audit events name as the actor: {@code user:<id>} or {@code token:<id>}. */
  String auditId() {
    return userId != null ? "user:" + userId : "token:" + token.id();
  }

  /** How this caller proved who they are. */
  CallerKind kind() {
    if (session != null) {
      return CallerKind.SESSION;
    }
    if (userId == null) {
      return CallerKind.BOOTSTRAP;
    }
    if (TokenView.LOGIN.equals(token.kind())) {
      return CallerKind.LOGIN_TOKEN;
    }
    return tokenKeys().isEmpty() ? CallerKind.MACHINE_TOKEN : CallerKind.KEY_TOKEN;
  }

  /** The credential audit events name for changes to the account itself: the session or the token. */
  String credential() {
    return session != null ? "session" : kind().id() + ":" + token.id();
  }

  Set<String> tokenProjects() {
    return token == null ? Set.of() : Set.copyOf(token.projects());
  }

  /** The key names a machine token is narrowed to; empty when it is not narrowed to keys. */
  Set<String> tokenKeys() {
    return token == null ? Set.of() : Set.copyOf(token.keys());
  }

  Set<String> tokenPermissions() {
    return token == null ? Set.of() : Set.copyOf(token.permissions());
  }
}
