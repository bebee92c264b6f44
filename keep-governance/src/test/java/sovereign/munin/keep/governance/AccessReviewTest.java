package sovereign.munin.keep.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sovereign.munin.keep.governance.AccessGrantTest.grant;
import static sovereign.munin.keep.governance.People.*;
import static sovereign.munin.keep.governance.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessReviewTest {
    private static final Instant START = T0.plus(Duration.ofDays(1));
    private static final Instant DEADLINE = START.plus(Duration.ofDays(14));

    private final AccessGrant danaApollo = grant("g-dana", "dana", APOLLO);
    private final AccessGrant olgaApollo = new AccessGrant("g-olga", "olga", APOLLO, Role.PROJECT_OWNER, T0,
            T0.plus(Duration.ofDays(90)), "oscar", "sam", T0);
    private final AccessGrant eveBorealis = grant("g-eve", "eve", BOREALIS);
    private final List<AccessGrant> grants = List.of(danaApollo, olgaApollo, eveBorealis);

    private AccessReview round() {
        return AccessReview.start("rev-1", grants, START, ReviewPolicy.DEFAULT);
    }

    @Test
    void start_activeGrants_eachPutToReviewWithFourteenDayDeadline() {
        AccessGrant ended = grant("g-old", "old", APOLLO).endedAt(T0.plusSeconds(1));
        AccessReview review = AccessReview.start("rev-1", List.of(danaApollo, ended), START, ReviewPolicy.DEFAULT);

        assertThat(review.deadline()).isEqualTo(DEADLINE);
        assertThat(review.items()).extracting(ReviewItem::grantId).containsExactly("g-dana");
        assertThat(review.items().getFirst().decision()).isEmpty();
    }

    @Test
    void recertify_byProjectOwner_recordsReviewerAndTime() throws Exception {
        Instant at = START.plus(Duration.ofDays(2));
        AccessReview review = round().recertify("g-dana", OLGA_OWNER_APOLLO, at);

        ReviewDecision decision = review.item("g-dana").orElseThrow().decision().orElseThrow();
        assertThat(decision).isEqualTo(new ReviewDecision("olga", ReviewDecision.Outcome.RECERTIFIED, at));
    }

    @Test
    void recertify_soleOwnersOwnGrantBySecurityTeam_allowed() throws Exception {
        AccessReview review = round().recertify("g-olga", SAM_SECURITY, START);

        assertThat(review.item("g-olga").orElseThrow().decision()).isPresent();
    }

    @Test
    void recertify_ownGrant_refusedSelfReview() {
        assertRefused(() -> round().recertify("g-olga", OLGA_OWNER_APOLLO, START), Refusal.SELF_REVIEW);
    }

    @Test
    void recertify_ownerOfAnotherProject_refusedNotEligible() {
        assertRefused(() -> round().recertify("g-dana", BERT_OWNER_BOREALIS, START), Refusal.REVIEWER_NOT_ELIGIBLE);
        assertRefused(() -> round().recertify("g-dana", ADA_ADMIN, START), Refusal.REVIEWER_NOT_ELIGIBLE);
        assertRefused(() -> round().recertify("g-dana", AUDREY_AUDITOR, START), Refusal.REVIEWER_NOT_ELIGIBLE);
    }

    @Test
    void recertify_twice_refusedAlreadyReviewed() throws Exception {
        AccessReview once = round().recertify("g-dana", OLGA_OWNER_APOLLO, START);

        assertRefused(() -> once.recertify("g-dana", OSCAR_OWNER_APOLLO, START), Refusal.ALREADY_REVIEWED);
        assertRefused(() -> once.revoke("g-dana", OSCAR_OWNER_APOLLO, START), Refusal.ALREADY_REVIEWED);
    }

    @Test
    void recertify_atDeadline_refusedClosed() {
        assertRefused(() -> round().recertify("g-dana", OLGA_OWNER_APOLLO, DEADLINE), Refusal.REVIEW_CLOSED);
    }

    @Test
    void recertify_grantNotInRound_refused() {
        assertRefused(() -> round().recertify("g-new", OLGA_OWNER_APOLLO, START), Refusal.GRANT_NOT_IN_REVIEW);
    }

    @Test
    void dueRevocations_beforeDeadline_none() {
        assertThat(AccessReview.dueRevocations(grants, List.of(round()), DEADLINE.minusSeconds(1))).isEmpty();
    }

    @Test
    void dueRevocations_afterDeadline_exactlyTheGrantsNobodyRecertified() throws Exception {
        AccessReview review = round().recertify("g-dana", OLGA_OWNER_APOLLO, START);

        List<Revocation> due = AccessReview.dueRevocations(grants, List.of(review), DEADLINE);

        assertThat(due).extracting(r -> r.grant().id()).containsExactly("g-olga", "g-eve");
        assertThat(due).allMatch(r -> r.reason() == Revocation.Reason.NOT_RECERTIFIED && r.reviewId().equals("rev-1"));
    }

    @Test
    void dueRevocations_revokedByReviewer_dueBeforeDeadline() throws Exception {
        AccessReview review = round().revoke("g-eve", BERT_OWNER_BOREALIS, START);

        List<Revocation> due = AccessReview.dueRevocations(grants, List.of(review), START.plusSeconds(1));

        assertThat(due).containsExactly(new Revocation(eveBorealis, "rev-1", Revocation.Reason.REVOKED_BY_REVIEWER));
    }

    @Test
    void dueRevocations_grantAlreadyEndedOrAbsent_notListed() {
        List<AccessGrant> current = List.of(danaApollo.endedAt(START.plusSeconds(1)), eveBorealis);

        List<Revocation> due = AccessReview.dueRevocations(current, List.of(round()), DEADLINE);

        assertThat(due).extracting(r -> r.grant().id()).containsExactly("g-eve");
    }

    @Test
    void dueRevocations_grantDueInTwoRounds_listedOnce() {
        AccessGrant longGrant = new AccessGrant("g-long", "lee", APOLLO, Role.DEVELOPER, T0,
                T0.plus(Duration.ofDays(300)), "olga", "sam", T0);
        AccessReview first = AccessReview.start("rev-1", List.of(longGrant), START, ReviewPolicy.DEFAULT);
        AccessReview second = AccessReview.start("rev-2", List.of(longGrant), START.plus(Duration.ofDays(90)),
                ReviewPolicy.DEFAULT);

        List<Revocation> due = AccessReview.dueRevocations(List.of(longGrant), List.of(first, second), second.deadline());

        assertThat(due).hasSize(1);
        assertThat(due.getFirst().reviewId()).isEqualTo("rev-1");
    }

    @Test
    void dueRevocations_grantNeverReviewed_notListed() {
        AccessGrant fresh = grant("g-fresh", "fay", APOLLO);

        assertThat(AccessReview.dueRevocations(List.of(fresh), List.of(round()), DEADLINE)).isEmpty();
    }

    @Test
    void constructor_deadlineNotAfterStart_throwsIllegalArgument() {
        assertThatThrownBy(() -> new AccessReview("r", START, START, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
