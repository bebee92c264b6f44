package sovereign.munin.keep.server;

import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.GenerationCache;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.StateGeneration;
import sovereign.munin.keep.app.identity.Projects;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.governance.RolePermissions;

/**
 * Key routes name a key, not a project, so the route table can only check that a permission is held somewhere;
 * these checks then hold it against the key's own project (or, for instance-wide key work, a global role), and
 * apply machine tokens' key narrowing: a token narrowed to keys uses only those keys, and does nothing else with keys.
 */
final class KeyAccess {

  private final Projects projects;
  private final ManagedKeys keys;
  private final KeepInstance instance;
  private final StateGeneration generation;
  private final GenerationCache<String, String> projectIds = new GenerationCache<>(4096);

  KeyAccess(Projects projects, ManagedKeys keys, KeepInstance instance) {
    this.projects = projects;
    this.keys = keys;
    this.instance = instance;
    this.generation = new StateGeneration(instance.state());
  }

  /**
   * A use of key {@code name} (sign, verify, encrypt, decrypt, public key): the caller needs {@code permission} in
   * the key's project; a key-narrowed token must name this key; and a machine token must be narrowed to keys to use
   * a private key ({@code key.use}).
   */
  void use(Caller caller, String permission, String name) {
    String project = keys.projectOf(name);
    inProject(caller, permission, project, true);
    try {
      requireKeyScope(caller, permission, name);
    } catch (KeepException e) {
      denied(caller, permission, name, project, e);
      throw e;
    }
  }

  private static void requireKeyScope(Caller caller, String permission, String name) {
    if (!caller.tokenKeys().isEmpty() && !caller.tokenKeys().contains(name)) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "token-key-scope", "this token is narrowed to the "
          + "keys " + String.join(", ", caller.tokenKeys().stream().sorted().toList()) + " and may not use key '"
          + name + "'");
    }
    if (permission.equals("key.use") && caller.machineToken() && caller.tokenKeys().isEmpty()) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "key-scoped-token-required", "a machine token uses a "
          + "private key only when it is narrowed to that key: mint one with 'keep token create --label L "
          + "--project P --key " + name + "' (POST /api/v1/tokens with \"keys\": [\"" + name + "\"])");
    }
  }

  /** A machine token tried a key it is not scoped to: audited like the route check's refusals. */
  private void denied(Caller caller, String permission, String name, String project, KeepException e) {
    if (instance.seal().isSealed()) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("key", name);
    details.put("needs", permission);
    details.put("reason", e.type());
    // Key events name the key's project as the key does (see KeyUse).
    AuditEvent event = AuditEvent.failure(caller.auditId(), "access.denied", "key:" + name, details)
        .inProject(project);
    instance.state().transaction(h -> {
      instance.audit().record(h, event);
      return null;
    });
  }

  /** Key work other than a use (show, lifecycle): {@code permission} in the key's project; no key-narrowed token. */
  void onKey(Caller caller, String permission, String name) {
    refuseKeyNarrowed(caller);
    inProject(caller, permission, keys.projectOf(name), false);
  }

  /** The caller must hold {@code permission} in the project named {@code projectName}, which must exist. */
  void inProject(Caller caller, String permission, String projectName) {
    refuseKeyNarrowed(caller);
    inProject(caller, permission, projectName, false);
  }

  private void inProject(Caller caller, String permission, String projectName, boolean cached) {
    if (projectName == null || projectName.isBlank()) {
      throw KeepException.badInput("project-missing", "name the project the key belongs to");
    }
    String projectId = cached ? projectIds.get(generation.current(), projectName, n -> projects.byName(n).id())
        : projects.byName(projectName).id();
    Permission p = Permission.fromId(permission).orElseThrow();
    if (!Authenticator.allowed(caller, p, projectId)) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + permission
          + "' permission in the key's project");
    }
  }

  /** Instance-wide key work (backups, rotation runs) needs the permission through a global role. */
  static void everywhere(Caller caller, String permission) {
    refuseKeyNarrowed(caller);
    Permission p = Permission.fromId(permission).orElseThrow();
    boolean global = caller.actor().globalRoles().stream().anyMatch(r -> RolePermissions.allows(r, p))
        && (caller.tokenPermissions().isEmpty() || caller.tokenPermissions().contains(permission))
        && caller.tokenProjects().isEmpty();
    if (!global) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "forbidden", "this call needs the '" + permission
          + "' permission in every project (a global role such as security-team)");
    }
  }

  /** A token narrowed to keys may only use those keys; listing, managing or exporting keys is refused. */
  static void refuseKeyNarrowed(Caller caller) {
    if (!caller.tokenKeys().isEmpty()) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "token-key-scope", "this token is narrowed to the "
          + "keys " + String.join(", ", caller.tokenKeys().stream().sorted().toList()) + " and may only sign, "
          + "verify, encrypt, decrypt with them or export their public keys");
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
