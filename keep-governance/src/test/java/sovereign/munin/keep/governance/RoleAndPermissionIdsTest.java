package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleAndPermissionIdsTest {
    @Test
    void roleId_eachRole_hasTheDocumentedId() {
        assertThat(Arrays.stream(Role.values()).map(Role::id)).containsExactly(
                "admin", "security-team", "project-owner", "developer", "auditor", "reporter");
    }

    @Test
    void roleFromId_knownAndUnknown_resolvesOrEmpty() {
        assertThat(Role.fromId("security-team")).contains(Role.SECURITY_TEAM);
        assertThat(Role.fromId("SECURITY_TEAM")).isEmpty();
        assertThat(Role.fromId("root")).isEmpty();
    }

    @Test
    void roleScope_projectRoles_areOwnerAndDeveloper() {
        assertThat(Arrays.stream(Role.values()).filter(r -> r.scope() == Role.Scope.PROJECT))
                .containsExactly(Role.PROJECT_OWNER, Role.DEVELOPER);
    }

    @Test
    void permissionIds_allDistinctAndRoundTrip() {
        assertThat(Arrays.stream(Permission.values()).map(Permission::id)).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+\\.[a-z.-]+"));
        for (Permission p : Permission.values()) {
            assertThat(Permission.fromId(p.id())).contains(p);
        }
        assertThat(Permission.fromId("everything")).isEmpty();
    }
}
