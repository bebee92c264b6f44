package sovereign.munin.keep.governance;

import static sovereign.munin.keep.governance.Permission.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The role to permission table: deny by default, so a permission not listed for a role is refused.
 *
 * <pre>
 * permission               admin  security-team  project-owner  developer  auditor  reporter
 * user.manage                x
 * user.read                  x         x                                    x
 * project.manage             x
 * project.read               x         x              x             x        x
 * access.request             x         x              x             x
 * access.approve.owner                                x
 * access.approve.security              x
 * access.review                        x              x
 * access.read                x         x              x                      x
 * audit.read                           x                                     x
 * audit.export                         x                                     x
 * audit.erase                          x
 * audit.manage                         x
 * key.read                             x              x             x        x
 * key.use                                             x             x
 * key.manage                           x              x
 * scan.run                             x              x             x
 * scan.read                            x              x             x        x
 * report.submit              x         x              x             x                 x
 * report.read-own            x         x              x             x                 x
 * report.handle                        x
 * incident.manage                      x
 * incident.read                        x                                     x
 * compliance.read                      x                                     x
 * update.install             x
 * sys.seal                   x         x
 * </pre>
 *
 * <p>Separation of duties: the admin runs users, projects and the installation but neither uses keys, nor
 * approves access, nor reads or erases the audit log; the security team manages keys (rotation, revocation
 * on compromise) but cannot sign with them; the auditor only reads, the audit log included (an export is a
 * copy, not a change). The security team may also recertify in access reviews, so that a project's sole
 * owner, who may not review their own grant, still has someone who can.
 */
public final class RolePermissions {
    private static final Map<Role, Set<Permission>> TABLE = table();

    private RolePermissions() {}

    /** The permissions a role carries (an unmodifiable set). */
    public static Set<Permission> of(Role role) {
        return TABLE.get(Objects.requireNonNull(role, "role"));
    }

    public static boolean allows(Role role, Permission permission) {
        Objects.requireNonNull(permission, "permission");
        return of(role).contains(permission);
    }

    private static Map<Role, Set<Permission>> table() {
        Map<Role, Set<Permission>> t = new EnumMap<>(Role.class);
        t.put(Role.ADMIN, EnumSet.of(USER_MANAGE, USER_READ, PROJECT_MANAGE, PROJECT_READ, ACCESS_REQUEST,
                ACCESS_READ, REPORT_SUBMIT, REPORT_READ_OWN, UPDATE_INSTALL, SYS_SEAL));
        t.put(Role.SECURITY_TEAM, EnumSet.of(USER_READ, PROJECT_READ, ACCESS_REQUEST, ACCESS_APPROVE_SECURITY,
                ACCESS_REVIEW, ACCESS_READ, AUDIT_READ, AUDIT_EXPORT, AUDIT_ERASE, AUDIT_MANAGE, KEY_READ, KEY_MANAGE, SCAN_RUN,
                SCAN_READ, REPORT_SUBMIT, REPORT_READ_OWN, REPORT_HANDLE, INCIDENT_MANAGE, INCIDENT_READ,
                COMPLIANCE_READ, SYS_SEAL));
        t.put(Role.PROJECT_OWNER, EnumSet.of(PROJECT_READ, ACCESS_REQUEST, ACCESS_APPROVE_OWNER, ACCESS_REVIEW,
                ACCESS_READ, KEY_READ, KEY_USE, KEY_MANAGE, SCAN_RUN, SCAN_READ, REPORT_SUBMIT, REPORT_READ_OWN));
        t.put(Role.DEVELOPER, EnumSet.of(PROJECT_READ, ACCESS_REQUEST, KEY_READ, KEY_USE, SCAN_RUN, SCAN_READ,
                REPORT_SUBMIT, REPORT_READ_OWN));
        t.put(Role.AUDITOR, EnumSet.of(USER_READ, PROJECT_READ, ACCESS_READ, AUDIT_READ, AUDIT_EXPORT, KEY_READ,
                SCAN_READ, INCIDENT_READ, COMPLIANCE_READ));
        t.put(Role.REPORTER, EnumSet.of(REPORT_SUBMIT, REPORT_READ_OWN));
        Map<Role, Set<Permission>> frozen = new EnumMap<>(Role.class);
        t.forEach((role, perms) -> frozen.put(role, Set.copyOf(perms)));
        return Map.copyOf(frozen);
    }
}
