package sovereign.munin.keep.governance;

import java.util.Objects;
import java.util.Optional;

/** A role a person holds, globally (what kind of user they are) or within one project (what they do there). */
public enum Role {
    ADMIN("admin", Scope.GLOBAL),
    SECURITY_TEAM("security-team", Scope.GLOBAL),
    PROJECT_OWNER("project-owner", Scope.PROJECT),
    DEVELOPER("developer", Scope.PROJECT),
    AUDITOR("auditor", Scope.GLOBAL),
    REPORTER("reporter", Scope.GLOBAL);

    /**
     * Where a role's project permissions apply: a GLOBAL role's apply in every project; a PROJECT role's
     * apply only in projects where the person holds it, never through a base role of the same name.
     */
    public enum Scope { GLOBAL, PROJECT }

    private final String id;
    private final Scope scope;

    Role(String id, Scope scope) {
        this.id = id;
        this.scope = scope;
    }

    /** The stable name used in the CLI, the API and storage. */
    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    public static Optional<Role> fromId(String id) {
        Objects.requireNonNull(id, "id");
        for (Role r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
