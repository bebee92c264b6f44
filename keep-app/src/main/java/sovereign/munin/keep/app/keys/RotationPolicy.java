package sovereign.munin.keep.app.keys;

import java.time.Duration;
import sovereign.munin.keep.app.KeepException;

/**
 * When a key rotates: every {@code rotationDays}, with the next version published {@code publishDays} before and
 * the old one verifying for {@code overlapDays} after; {@code rotationDays == 0} means manual rotation only.
 */
public record RotationPolicy(int rotationDays, int publishDays, int overlapDays) {

  /** The policy's default: every 90 days, published 14 days ahead, 30 days of overlap. */
  public static final RotationPolicy DEFAULT = new RotationPolicy(90, 14, 30);

  public RotationPolicy {
    if (rotationDays < 0 || rotationDays > 3650 || overlapDays < 0 || overlapDays > 3650 || publishDays < 0
        || (rotationDays > 0 && publishDays >= rotationDays)) {
      throw KeepException.badInput("bad-rotation-policy", "need 0 <= rotation days <= 3650 (0 = manual), "
          + "0 <= publish days < rotation days and 0 <= overlap days <= 3650; got " + rotationDays + "/"
          + publishDays + "/" + overlapDays);
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
}
