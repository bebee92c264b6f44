package sovereign.munin.keep.governance;

/** Why a governance rule refused an action; {@link #slug()} is stable, for RFC 9457 problem types. */
public enum Refusal {
    NOT_PERMITTED("not-permitted"),
    ROLE_NOT_REQUESTABLE("role-not-requestable"),
    DURATION_TOO_LONG("duration-too-long"),
    SELF_DECISION("self-decision"),
    SAME_APPROVER("same-approver"),
    APPROVER_NOT_ELIGIBLE("approver-not-eligible"),
    ALREADY_APPROVED("already-approved"),
    REQUEST_DECIDED("request-decided"),
    REQUEST_EXPIRED("request-expired"),
    NOT_YET_EXPIRED("not-yet-expired"),
    GRANT_NOT_IN_REVIEW("grant-not-in-review"),
    REVIEW_CLOSED("review-closed"),
    ALREADY_REVIEWED("already-reviewed"),
    SELF_REVIEW("self-review"),
    REVIEWER_NOT_ELIGIBLE("reviewer-not-eligible");

    private final String slug;

    Refusal(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
