package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.People.*;
import static sovereign.munin.keep.governance.Refusals.assertRefused;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Denial, expiry and record invariants; approval is in {@link AccessRequestTest}. */
class AccessRequestDenyExpireTest {
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private static AccessRequest pending() throws GovernanceException {
        return AccessRequest.open("req-1", DANA_DEVELOPER, APOLLO, Role.DEVELOPER, "fix CVE-2026-1234 in the build",
                THIRTY_DAYS, T0, AccessPolicy.DEFAULT);
    }

    @Test
    void deny_byOwner_deniedWithReasonAndNoGrant() throws Exception {
        AccessRequest denied = pending().deny(OLGA_OWNER_APOLLO, "not on this team", T0.plusSeconds(9));

        assertThat(denied.status()).isEqualTo(AccessRequest.Status.DENIED);
        assertThat(denied.denial()).contains(new Denial("olga", "not on this team", T0.plusSeconds(9)));
        assertThat(denied.grant()).isEmpty();
    }

    @Test
    void deny_bySecurityAfterOwnerApproved_denied() throws Exception {
        AccessRequest denied = pending().approve(OLGA_OWNER_APOLLO, T0).deny(SOFIA_SECURITY, "too broad", T0);

        assertThat(denied.status()).isEqualTo(AccessRequest.Status.DENIED);
        assertThat(denied.approvals()).hasSize(1);
    }

    @Test
    void deny_byRequester_refusedSelfDecision() {
        assertRefused(() -> pending().deny(DANA_DEVELOPER, "changed my mind", T0), Refusal.SELF_DECISION);
    }

    @Test
    void deny_byOwnerOfAnotherProject_refusedNotEligible() {
        assertRefused(() -> pending().deny(BERT_OWNER_BOREALIS, "no", T0), Refusal.APPROVER_NOT_ELIGIBLE);
    }

    @Test
    void deny_blankReason_throwsIllegalArgument() {
        assertThatThrownBy(() -> pending().deny(SAM_SECURITY, "  ", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deny_alreadyActive_refusedDecided() throws Exception {
        AccessRequest active = pending().approve(OLGA_OWNER_APOLLO, T0).approve(SAM_SECURITY, T0);

        assertRefused(() -> active.deny(SOFIA_SECURITY, "late", T0), Refusal.REQUEST_DECIDED);
    }

    @Test
    void expire_afterPendingTimeout_expired() throws Exception {
        AccessRequest expired = pending().approve(SAM_SECURITY, T0).expire(T0.plus(Duration.ofDays(14)));

        assertThat(expired.status()).isEqualTo(AccessRequest.Status.EXPIRED);
        assertThat(expired.grant()).isEmpty();
        assertRefused(() -> expired.approve(OLGA_OWNER_APOLLO, T0), Refusal.REQUEST_DECIDED);
    }

    @Test
    void expire_beforePendingTimeout_refusedNotYetExpired() {
        assertRefused(() -> pending().expire(T0.plus(Duration.ofDays(14)).minusSeconds(1)), Refusal.NOT_YET_EXPIRED);
    }

    @Test
    void expire_decidedRequest_refusedDecided() throws Exception {
        AccessRequest denied = pending().deny(SAM_SECURITY, "no", T0);

        assertRefused(() -> denied.expire(T0.plus(Duration.ofDays(30))), Refusal.REQUEST_DECIDED);
    }

    @Test
    void statusAt_pendingPastDeadline_readsExpired() throws Exception {
        AccessRequest request = pending();

        assertThat(request.statusAt(T0.plus(Duration.ofDays(13)))).isEqualTo(AccessRequest.Status.PENDING);
        assertThat(request.statusAt(T0.plus(Duration.ofDays(14)))).isEqualTo(AccessRequest.Status.EXPIRED);
    }

    @Test
    void constructor_activeWithOneApproval_throwsIllegalArgument() {
        List<Approval> one = List.of(new Approval("olga", Approval.Capacity.PROJECT_OWNER, T0));

        assertThatThrownBy(() -> new AccessRequest("r", "dana", APOLLO, Role.DEVELOPER, "why", THIRTY_DAYS, T0,
                T0.plus(Duration.ofDays(14)), AccessRequest.Status.ACTIVE, one, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_onePersonBothCapacities_throwsIllegalArgument() {
        List<Approval> both = List.of(new Approval("bea", Approval.Capacity.PROJECT_OWNER, T0),
                new Approval("bea", Approval.Capacity.SECURITY_TEAM, T0));

        assertThatThrownBy(() -> new AccessRequest("r", "dana", APOLLO, Role.DEVELOPER, "why", THIRTY_DAYS, T0,
                T0.plus(Duration.ofDays(14)), AccessRequest.Status.ACTIVE, both, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_requesterAmongApprovers_throwsIllegalArgument() {
        List<Approval> self = List.of(new Approval("dana", Approval.Capacity.PROJECT_OWNER, T0));

        assertThatThrownBy(() -> new AccessRequest("r", "dana", APOLLO, Role.DEVELOPER, "why", THIRTY_DAYS, T0,
                T0.plus(Duration.ofDays(14)), AccessRequest.Status.PENDING, self, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
