package sovereign.munin.keep.server;

import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Permission;

/**
 * A caller the route's declaration admitted, and the resource it resolved to. Handlers receive this and decide
 * nothing about access; {@link #sees} only narrows listings to what the declaration's permission covers.
 */
record Authorised(Caller who, Target target) {

  String auditId() {
    return who.auditId();
  }

  /** The caller's user id; routes that admit the bootstrap token must expect null. */
  String userId() {
    return who.userId();
  }

  Actor actor() {
    return who.actor();
  }

  boolean mustChangePassword() {
    return who.mustChangePassword();
  }

  /** Whether a listing may show this caller an item of {@code projectId} that needs {@code p}. */
  boolean sees(Permission p, String projectId) {
    return Authenticator.allowed(who, p, projectId);
  }
}
