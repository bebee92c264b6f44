package sovereign.munin.keep.governance;

import java.time.Instant;
import java.util.Objects;

/** A reviewer's answer for one grant in a review round: keep it (re-certify) or revoke it. */
public record ReviewDecision(String reviewer, Outcome outcome, Instant at) {
    public enum Outcome { RECERTIFIED, REVOKED }

    public ReviewDecision {
        Ids.require(reviewer, "reviewer");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
