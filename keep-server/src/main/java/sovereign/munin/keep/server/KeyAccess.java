package sovereign.munin.keep.server;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.identity.Projects;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.RolePermissions;

/**
 * Key routes name a key, not a project, so the route table can only check that a permission is held somewhere;
 * these checks then hold it against the key's own project (or, for instance-wide key work, a global role).
 */
final class KeyAccess {

  private final Projects projects;
  private final ManagedKeys keys;

  KeyAccess(Projects projects, ManagedKeys keys) {
    this.projects = projects;
    this.keys = keys;
  }

  /** The caller must hold {@code permission} in the project that owns key {@code name}. */
  void onKey(Caller caller, String permission, String name) {
    inProject(caller, permission, keys.show(name).project());
  }

  /** The caller must hold {@code permission} in the project named {@code projectName}, which must exist. */
  void inProject(Caller caller, String permission, String projectName) {
    if (projectName == null || projectName.isBlank()) {
      throw KeepException.badInput("project-missing", "name the project the key belongs to");
    }
    String projectId = projects.byName(projectName).id();
    Permission p = Permission.fromId(permission).orElseThrow();
    if (!Authenticator.allowed(caller, p, projectId)) {
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

  /** Whether the caller may see keys of the project named {@code projectName}. */
  boolean mayRead(Caller caller, String projectName) {
    try {
      return Authenticator.allowed(caller, Permission.KEY_READ, projects.byName(projectName).id());
    } catch (KeepException e) {
      return false; // a key of a project that no longer exists is visible to no one but global roles
    }
  }
}
