package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.*;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorTest {
    @Test
    void permits_projectPermissionFromProjectRole_onlyInThatProject() {
        assertThat(OLGA_OWNER_APOLLO.permits(Permission.ACCESS_APPROVE_OWNER, APOLLO)).isTrue();
        assertThat(OLGA_OWNER_APOLLO.permits(Permission.ACCESS_APPROVE_OWNER, BOREALIS)).isFalse();
        assertThat(OLGA_OWNER_APOLLO.permits(Permission.KEY_USE, BOREALIS)).isFalse();
    }

    @Test
    void permits_projectPermissionFromGlobalRole_inEveryProject() {
        assertThat(SAM_SECURITY.permits(Permission.ACCESS_APPROVE_SECURITY, APOLLO)).isTrue();
        assertThat(SAM_SECURITY.permits(Permission.ACCESS_APPROVE_SECURITY, BOREALIS)).isTrue();
        assertThat(AUDREY_AUDITOR.permits(Permission.KEY_READ, BOREALIS)).isTrue();
    }

    @Test
    void permits_projectRoleHeldOnlyAsBaseRole_grantsNoProjectPermission() {
        assertThat(PAT_BASE_OWNER.permits(Permission.ACCESS_APPROVE_OWNER, APOLLO)).isFalse();
        assertThat(DANA_DEVELOPER.permits(Permission.KEY_USE, APOLLO)).isFalse();
    }

    @Test
    void permits_systemPermissionFromBaseOrProjectRole_granted() {
        assertThat(DANA_DEVELOPER.permits(Permission.ACCESS_REQUEST)).isTrue();
        Actor onlyProjectRole = new Actor("pia", Set.of(), Map.of(APOLLO, Set.of(Role.DEVELOPER)));
        assertThat(onlyProjectRole.permits(Permission.REPORT_SUBMIT)).isTrue();
        assertThat(onlyProjectRole.permits(Permission.REPORT_SUBMIT, BOREALIS)).isTrue();
    }

    @Test
    void permits_noRoles_deniesEverything() {
        Actor nobody = new Actor("nobody", Set.of(), Map.of());

        for (Permission p : Permission.values()) {
            boolean allowed = p.scope() == Permission.Scope.SYSTEM ? nobody.permits(p) : nobody.permits(p, APOLLO);
            assertThat(allowed).as(p.id()).isFalse();
        }
    }

    @Test
    void permits_projectPermissionWithoutProject_throwsIllegalArgument() {
        assertThatThrownBy(() -> SAM_SECURITY.permits(Permission.KEY_MANAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per project");
    }

    @Test
    void constructor_globalRoleHeldPerProject_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Actor("x", Set.of(), Map.of(APOLLO, Set.of(Role.SECURITY_TEAM))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("global role");
    }

    @Test
    void constructor_blankId_throwsIllegalArgument() {
        assertThatThrownBy(() -> Actor.global(" ", Role.ADMIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
