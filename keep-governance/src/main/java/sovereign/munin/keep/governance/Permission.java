package sovereign.munin.keep.governance;

import java.util.Objects;
import java.util.Optional;

/** One thing a person may do; roles map to sets of these in {@link RolePermissions}. */
public enum Permission {
    USER_MANAGE("user.manage", Scope.SYSTEM),
    USER_READ("user.read", Scope.SYSTEM),
    PROJECT_MANAGE("project.manage", Scope.SYSTEM),
    PROJECT_READ("project.read", Scope.PROJECT),
    ACCESS_REQUEST("access.request", Scope.SYSTEM),
    ACCESS_APPROVE_OWNER("access.approve.owner", Scope.PROJECT),
    ACCESS_APPROVE_SECURITY("access.approve.security", Scope.PROJECT),
    ACCESS_REVIEW("access.review", Scope.PROJECT),
    ACCESS_READ("access.read", Scope.PROJECT),
    AUDIT_READ("audit.read", Scope.SYSTEM),
    AUDIT_EXPORT("audit.export", Scope.SYSTEM),
    AUDIT_ERASE("audit.erase", Scope.SYSTEM),
    AUDIT_MANAGE("audit.manage", Scope.SYSTEM),
    KEY_READ("key.read", Scope.PROJECT),
    KEY_USE("key.use", Scope.PROJECT),
    KEY_MANAGE("key.manage", Scope.PROJECT),
    SCAN_RUN("scan.run", Scope.PROJECT),
    SCAN_READ("scan.read", Scope.PROJECT),
    REPORT_SUBMIT("report.submit", Scope.SYSTEM),
    REPORT_READ_OWN("report.read-own", Scope.SYSTEM),
    REPORT_HANDLE("report.handle", Scope.SYSTEM),
    INCIDENT_MANAGE("incident.manage", Scope.SYSTEM),
    INCIDENT_READ("incident.read", Scope.SYSTEM),
    COMPLIANCE_READ("compliance.read", Scope.SYSTEM),
    UPDATE_INSTALL("update.install", Scope.SYSTEM),
    SYS_SEAL("sys.seal", Scope.SYSTEM);

    /** SYSTEM permissions are not tied to a project; PROJECT permissions are checked against one. */
    public enum Scope { SYSTEM, PROJECT }

    private final String id;
    private final Scope scope;

    Permission(String id, Scope scope) {
        this.id = id;
        this.scope = scope;
    }

    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    public static Optional<Permission> fromId(String id) {
        Objects.requireNonNull(id, "id");
        for (Permission p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
