package sovereign.munin.keep.governance;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A person acting, with the roles they hold: {@code globalRoles} everywhere, {@code projectRoles} per project
 * id. The caller resolves these from current grants; this type only evaluates them.
 */
public record Actor(String id, Set<Role> globalRoles, Map<String, Set<Role>> projectRoles) {
    public Actor {
        Ids.require(id, "actor id");
        globalRoles = Set.copyOf(Objects.requireNonNull(globalRoles, "globalRoles"));
        Objects.requireNonNull(projectRoles, "projectRoles");
        Map<String, Set<Role>> copy = new HashMap<>();
        projectRoles.forEach((project, roles) -> {
            Ids.require(project, "project id");
            for (Role role : roles) {
                if (role.scope() != Role.Scope.PROJECT) {
                    throw new IllegalArgumentException(role.id() + " is a global role and cannot be held per project");
                }
            }
            copy.put(project, Set.copyOf(roles));
        });
        projectRoles = Map.copyOf(copy);
    }

    public static Actor global(String id, Role... roles) {
        return new Actor(id, Set.of(roles), Map.of());
    }

    /** A copy that also holds {@code roles} in {@code project}. */
    public Actor withProjectRoles(String project, Role... roles) {
        Map<String, Set<Role>> more = new HashMap<>(projectRoles);
        more.put(project, Set.of(roles));
        return new Actor(id, globalRoles, more);
    }

    public Set<Role> rolesIn(String project) {
        return projectRoles.getOrDefault(Objects.requireNonNull(project, "project"), Set.of());
    }

    /**
     * Whether a SYSTEM permission is held through any role, global or in any project.
     *
     * @throws IllegalArgumentException for a PROJECT permission, which needs {@link #permits(Permission, String)}
     */
    public boolean permits(Permission permission) {
        if (permission.scope() != Permission.Scope.SYSTEM) {
            throw new IllegalArgumentException(permission.id() + " is checked per project");
        }
        return globalRoles.stream().anyMatch(r -> RolePermissions.allows(r, permission))
                || projectRoles.values().stream().flatMap(Set::stream).anyMatch(r -> RolePermissions.allows(r, permission));
    }

    /**
     * Whether {@code permission} is held in {@code project}: through a GLOBAL role, or a role held in that
     * project. A project-scoped role held only as a base role (a "developer" with no project) does not count.
     */
    public boolean permits(Permission permission, String project) {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(project, "project");
        if (permission.scope() == Permission.Scope.SYSTEM) {
            return permits(permission);
        }
        return globalRoles.stream()
                        .filter(r -> r.scope() == Role.Scope.GLOBAL)
                        .anyMatch(r -> RolePermissions.allows(r, permission))
                || rolesIn(project).stream().anyMatch(r -> RolePermissions.allows(r, permission));
    }
}
