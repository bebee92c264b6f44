package sovereign.munin.keep.governance;

import java.time.Duration;
import java.time.Instant;

/**
 * When a key rotates: every {@code rotationDays}, with the next version published {@code publishDays} before and
 * the old one verifying for {@code overlapDays} after; {@code rotationDays == 0} means manual rotation only. The
 * default follows the policy: every 90 days, published 14 days ahead, 30 days of overlap.
 */
public record RotationPolicy(int rotationDays, int publishDays, int overlapDays) {

    public static final RotationPolicy DEFAULT = new RotationPolicy(90, 14, 30);

    /** What a key needs now: nothing, its next version published ahead of time, or rotating. */
    public enum Due { NOTHING, PUBLISH_NEXT, ROTATE }

    public RotationPolicy {
        if (rotationDays < 0 || rotationDays > 3650 || overlapDays < 0 || overlapDays > 3650 || publishDays < 0
                || (rotationDays > 0 && publishDays >= rotationDays)) {
            throw new IllegalArgumentException("need 0 <= rotation days <= 3650 (0 = manual), 0 <= publish days < "
                    + "rotation days and 0 <= overlap days <= 3650; got " + rotationDays + "/" + publishDays + "/"
                    + overlapDays);
        }
    }

    public boolean automatic() {
        return rotationDays > 0;
    }

    public Duration rotation() {
        return Duration.ofDays(rotationDays);
    }

    public Duration publishAhead() {
        return Duration.ofDays(publishDays);
    }

    public Duration overlap() {
        return Duration.ofDays(overlapDays);
    }

    /** When a version activated at {@code activatedAt} is due to be replaced; empty for manual rotation. */
    public java.util.Optional<Instant> rotationDue(Instant activatedAt) {
        return automatic() ? java.util.Optional.of(activatedAt.plus(rotation())) : java.util.Optional.empty();
    }

    /**
     * What a key whose active version was activated at {@code activatedAt} needs at {@code now}:
     * {@link Due#ROTATE} once the rotation is due, {@link Due#PUBLISH_NEXT} within the publish window when no next
     * version is published yet ({@code nextPublished}), otherwise {@link Due#NOTHING}. Manual keys never come due.
     */
    public Due dueAt(Instant activatedAt, boolean nextPublished, Instant now) {
        if (!automatic()) {
            return Due.NOTHING;
        }
        Instant due = activatedAt.plus(rotation());
        if (!now.isBefore(due)) {
            return Due.ROTATE;
        }
        if (!now.isBefore(due.minus(publishAhead())) && !nextPublished) {
            return Due.PUBLISH_NEXT;
        }
        return Due.NOTHING;
    }

    /** The end of the overlap of a version retired from active at {@code replacedAt}. */
    public Instant overlapEnds(Instant replacedAt) {
        return replacedAt.plus(overlap());
    }
}
