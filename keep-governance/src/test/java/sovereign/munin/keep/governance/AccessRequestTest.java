package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static sovereign.munin.keep.governance.People.*;
import static sovereign.munin.keep.governance.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRequestTest {
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private static AccessRequest pending() throws GovernanceException {
        return AccessRequest.open("req-1", DANA_DEVELOPER, APOLLO, Role.DEVELOPER, "fix CVE-2026-1234 in the build",
                THIRTY_DAYS, T0, AccessPolicy.DEFAULT);
    }

    @Test
    void open_projectRole_pendingWithFourteenDayDeadline() throws Exception {
        AccessRequest request = pending();

        assertThat(request.status()).isEqualTo(AccessRequest.Status.PENDING);
        assertThat(request.requester()).isEqualTo("dana");
        assertThat(request.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(14)));
        assertThat(request.approvals()).isEmpty();
        assertThat(request.grant()).isEmpty();
    }

    @Test
    void open_durationOverMaximum_refusedDurationTooLong() {
        assertRefused(() -> AccessRequest.open("r", DANA_DEVELOPER, APOLLO, Role.DEVELOPER, "why",
                Duration.ofDays(91), T0, AccessPolicy.DEFAULT), Refusal.DURATION_TOO_LONG);
    }

    @Test
    void open_durationAtMaximum_accepted() throws Exception {
        AccessRequest request = AccessRequest.open("r", DANA_DEVELOPER, APOLLO, Role.DEVELOPER, "why",
                Duration.ofDays(90), T0, AccessPolicy.DEFAULT);

        assertThat(request.duration()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void open_configuredShorterMaximum_enforced() {
        AccessPolicy strict = new AccessPolicy(Duration.ofDays(7), Duration.ofDays(3));

        assertRefused(() -> AccessRequest.open("r", DANA_DEVELOPER, APOLLO, Role.DEVELOPER, "why",
                Duration.ofDays(8), T0, strict), Refusal.DURATION_TOO_LONG);
    }

    @Test
    void open_globalRole_refusedRoleNotRequestable() {
        for (Role role : List.of(Role.ADMIN, Role.SECURITY_TEAM, Role.AUDITOR, Role.REPORTER)) {
            assertRefused(() -> AccessRequest.open("r", DANA_DEVELOPER, APOLLO, role, "why", THIRTY_DAYS, T0,
                    AccessPolicy.DEFAULT), Refusal.ROLE_NOT_REQUESTABLE);
        }
    }

    @Test
    void open_byReporterOrAuditor_refusedNotPermitted() {
        for (Actor actor : List.of(REX_REPORTER, AUDREY_AUDITOR)) {
            assertRefused(() -> AccessRequest.open("r", actor, APOLLO, Role.DEVELOPER, "why", THIRTY_DAYS, T0,
                    AccessPolicy.DEFAULT), Refusal.NOT_PERMITTED);
        }
    }

    @Test
    void approve_ownerThenSecurity_activeWithTimeBoundGrant() throws Exception {
        Instant ownerAt = T0.plus(Duration.ofHours(1));
        Instant securityAt = T0.plus(Duration.ofHours(3));

        AccessRequest request = pending().approve(OLGA_OWNER_APOLLO, ownerAt).approve(SAM_SECURITY, securityAt);

        assertThat(request.status()).isEqualTo(AccessRequest.Status.ACTIVE);
        AccessGrant grant = request.grant().orElseThrow();
        assertThat(grant.id()).isEqualTo("req-1");
        assertThat(grant.user()).isEqualTo("dana");
        assertThat(grant.project()).isEqualTo(APOLLO);
        assertThat(grant.role()).isEqualTo(Role.DEVELOPER);
        assertThat(grant.from()).isEqualTo(securityAt);
        assertThat(grant.until()).isEqualTo(securityAt.plus(THIRTY_DAYS));
        assertThat(grant.approvedByOwner()).isEqualTo("olga");
        assertThat(grant.approvedBySecurity()).isEqualTo("sam");
    }

    @Test
    void approve_securityThenOwner_active() throws Exception {
        AccessRequest request = pending().approve(SAM_SECURITY, T0).approve(OSCAR_OWNER_APOLLO, T0.plusSeconds(60));

        assertThat(request.status()).isEqualTo(AccessRequest.Status.ACTIVE);
        assertThat(request.grant().orElseThrow().from()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void approve_oneApproval_staysPendingWithoutGrant() throws Exception {
        AccessRequest request = pending().approve(OLGA_OWNER_APOLLO, T0);

        assertThat(request.status()).isEqualTo(AccessRequest.Status.PENDING);
        assertThat(request.approvals()).containsExactly(new Approval("olga", Approval.Capacity.PROJECT_OWNER, T0));
        assertThat(request.grant()).isEmpty();
    }

    @Test
    void approve_ownRequest_refusedSelfDecision() throws Exception {
        AccessRequest byOwner = AccessRequest.open("r", BEA_SECURITY_AND_OWNER_APOLLO, APOLLO, Role.DEVELOPER,
                "why", THIRTY_DAYS, T0, AccessPolicy.DEFAULT);

        assertRefused(() -> byOwner.approve(BEA_SECURITY_AND_OWNER_APOLLO, T0), Refusal.SELF_DECISION);
    }

    @Test
    void approve_personHoldingBothRoles_countsOnceAsOwner() throws Exception {
        AccessRequest request = pending().approve(BEA_SECURITY_AND_OWNER_APOLLO, T0);

        assertThat(request.approvals()).extracting(Approval::capacity).containsExactly(Approval.Capacity.PROJECT_OWNER);
        assertRefused(() -> request.approve(BEA_SECURITY_AND_OWNER_APOLLO, T0.plusSeconds(1)), Refusal.SAME_APPROVER);
    }

    @Test
    void approve_personHoldingBothRolesAfterOwnerApproved_countsAsSecurity() throws Exception {
        AccessRequest request = pending().approve(OLGA_OWNER_APOLLO, T0).approve(BEA_SECURITY_AND_OWNER_APOLLO, T0);

        assertThat(request.status()).isEqualTo(AccessRequest.Status.ACTIVE);
        assertThat(request.grant().orElseThrow().approvedBySecurity()).isEqualTo("bea");
    }

    @Test
    void approve_sameOwnerTwice_refusedSameApprover() throws Exception {
        AccessRequest once = pending().approve(OLGA_OWNER_APOLLO, T0);

        assertRefused(() -> once.approve(OLGA_OWNER_APOLLO, T0.plusSeconds(5)), Refusal.SAME_APPROVER);
        assertThat(once.status()).isEqualTo(AccessRequest.Status.PENDING);
    }

    @Test
    void approve_secondOwner_refusedAlreadyApproved() throws Exception {
        AccessRequest once = pending().approve(OLGA_OWNER_APOLLO, T0);

        assertRefused(() -> once.approve(OSCAR_OWNER_APOLLO, T0), Refusal.ALREADY_APPROVED);
    }

    @Test
    void approve_secondSecurityMember_refusedAlreadyApproved() throws Exception {
        AccessRequest once = pending().approve(SAM_SECURITY, T0);

        assertRefused(() -> once.approve(SOFIA_SECURITY, T0), Refusal.ALREADY_APPROVED);
    }

    @Test
    void approve_ownerOfAnotherProject_refusedNotEligible() {
        assertRefused(() -> pending().approve(BERT_OWNER_BOREALIS, T0), Refusal.APPROVER_NOT_ELIGIBLE);
    }

    @Test
    void approve_ownerRoleOnlyAsBaseRole_refusedNotEligible() {
        assertRefused(() -> pending().approve(PAT_BASE_OWNER, T0), Refusal.APPROVER_NOT_ELIGIBLE);
    }

    @Test
    void approve_adminAuditorOrDeveloper_refusedNotEligible() {
        for (Actor actor : List.of(ADA_ADMIN, AUDREY_AUDITOR, Actor.global("dev2", Role.DEVELOPER)
                .withProjectRoles(APOLLO, Role.DEVELOPER))) {
            assertRefused(() -> pending().approve(actor, T0), Refusal.APPROVER_NOT_ELIGIBLE);
        }
    }

    @Test
    void approve_activeRequest_refusedDecided() throws Exception {
        AccessRequest active = pending().approve(OLGA_OWNER_APOLLO, T0).approve(SAM_SECURITY, T0);

        assertRefused(() -> active.approve(OSCAR_OWNER_APOLLO, T0), Refusal.REQUEST_DECIDED);
    }

    @Test
    void approve_deniedRequest_refusedDecided() throws Exception {
        AccessRequest denied = pending().deny(SAM_SECURITY, "no need-to-know", T0);

        assertRefused(() -> denied.approve(OLGA_OWNER_APOLLO, T0), Refusal.REQUEST_DECIDED);
    }

    @Test
    void approve_afterPendingTimeout_refusedExpired() throws Exception {
        AccessRequest once = pending().approve(OLGA_OWNER_APOLLO, T0);

        assertRefused(() -> once.approve(SAM_SECURITY, T0.plus(Duration.ofDays(14))), Refusal.REQUEST_EXPIRED);
    }
}
