package sovereign.munin.keep.server;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.RolePermissions;

/**
 * Key routes name a key, not a project, so the route table can only check that a permission is held somewhere;
 * these checks then hold it against the key's own project (or, for instance-wide key work, a global role).
 */
final class KeyAccess {

  private KeyAccess() {}

  /** The caller must hold {@code permission} in the project that owns key {@code name}. */
  static void onKey(Caller caller, String permission, ManagedKeys keys, String name) {
    inProject(caller, permission, keys.show(name).project());
  }

  /** The caller must hold {@code permission} in {@code project}. */
  static void inProject(Caller caller, String permission, String project) {
    Permission p = Permission.fromId(permission).orElseThrow();
    if (project == null || !Authenticator.allowed(caller, p, project)) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + permission
          + "' permission in the key's project");
    }
  }

  /** Instance-wide key work (backups, rotation runs) needs the permission through a global role. */
  static void everywhere(Caller caller, String permission) {
    Permission p = Permission.fromId(permission).orElseThrow();
    boolean global = caller.actor().globalRoles().stream().anyMatch(r -> RolePermissions.allows(r, p))
        && (caller.tokenPermissions().isEmpty() || caller.tokenPermissions().contains(permission))
        && caller.tokenProjects().isEmpty();
    if (!global) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + permission
          + "' permission in every project (a global role such as security-team)");
    }
  }

  /** Whether the caller may see keys of {@code project}. */
  static boolean mayRead(Caller caller, String project) {
    return Authenticator.allowed(caller, Permission.KEY_READ, project);
  }
}
