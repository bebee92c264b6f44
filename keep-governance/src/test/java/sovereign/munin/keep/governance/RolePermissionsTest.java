package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolePermissionsTest {
    @Test
    void of_reporter_onlySubmitsAndReadsOwnReports() {
        assertThat(RolePermissions.of(Role.REPORTER)).containsExactlyInAnyOrder(REPORT_SUBMIT, REPORT_READ_OWN);
    }

    @Test
    void of_auditor_readOnlyIncludingAuditLog() {
        Set<Permission> auditor = RolePermissions.of(Role.AUDITOR);

        assertThat(auditor).contains(AUDIT_READ, AUDIT_EXPORT, ACCESS_READ, COMPLIANCE_READ);
        assertThat(auditor).allMatch(p -> p.id().endsWith(".read") || p == AUDIT_EXPORT);
        assertThat(auditor).doesNotContain(AUDIT_ERASE, KEY_USE, ACCESS_REQUEST, REPORT_SUBMIT);
    }

    @Test
    void of_admin_runsUsersAndSystemButNotKeysApprovalsOrAuditLog() {
        Set<Permission> admin = RolePermissions.of(Role.ADMIN);

        assertThat(admin).contains(USER_MANAGE, PROJECT_MANAGE, SYS_SEAL, UPDATE_INSTALL);
        assertThat(admin).doesNotContain(KEY_USE, KEY_MANAGE, ACCESS_APPROVE_OWNER, ACCESS_APPROVE_SECURITY,
                AUDIT_READ, AUDIT_ERASE, REPORT_HANDLE);
    }

    @Test
    void of_securityTeam_managesKeysButCannotSign() {
        Set<Permission> security = RolePermissions.of(Role.SECURITY_TEAM);

        assertThat(security).contains(ACCESS_APPROVE_SECURITY, KEY_MANAGE, AUDIT_ERASE, REPORT_HANDLE, INCIDENT_MANAGE);
        assertThat(security).doesNotContain(KEY_USE, ACCESS_APPROVE_OWNER, USER_MANAGE);
    }

    @Test
    void of_developer_usesKeysButApprovesNothing() {
        Set<Permission> developer = RolePermissions.of(Role.DEVELOPER);

        assertThat(developer).contains(KEY_USE, PROJECT_READ, ACCESS_REQUEST);
        assertThat(developer).doesNotContain(ACCESS_APPROVE_OWNER, ACCESS_APPROVE_SECURITY, ACCESS_REVIEW, KEY_MANAGE);
    }

    @Test
    void of_projectOwner_approvesAndReviewsAsOwnerOnly() {
        assertThat(RolePermissions.of(Role.PROJECT_OWNER)).contains(ACCESS_APPROVE_OWNER, ACCESS_REVIEW, KEY_MANAGE)
                .doesNotContain(ACCESS_APPROVE_SECURITY, AUDIT_READ);
    }

    @Test
    void of_anyRole_neverHoldsBothApprovals() {
        for (Role role : Role.values()) {
            assertThat(RolePermissions.allows(role, ACCESS_APPROVE_OWNER) && RolePermissions.allows(role, ACCESS_APPROVE_SECURITY))
                    .as(role.id()).isFalse();
        }
    }

    @Test
    void of_everyPermission_heldBySomeRole() {
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        Arrays.stream(Role.values()).map(RolePermissions::of).forEach(held::addAll);

        assertThat(held).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void of_result_isUnmodifiable() {
        assertThatThrownBy(() -> RolePermissions.of(Role.REPORTER).add(SYS_SEAL))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
