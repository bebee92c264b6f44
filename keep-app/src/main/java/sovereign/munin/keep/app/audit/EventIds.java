package sovereign.munin.keep.app.audit;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Audit event ids: UUID version 7 (RFC 9562), a 48-bit Unix millisecond time followed by 74 random bits. Ids made
 * later sort later, so the unique index on event ids grows at its right edge instead of touching a random page of
 * the index for every event, which at thousands of events per second is most of what a commit writes.
 */
final class EventIds {

  private EventIds() {}

  /** A version 7 UUID for an event recorded at {@code unixMillis}. */
  static String next(long unixMillis, SecureRandom rng) {
    if (unixMillis < 0 || unixMillis >= 1L << 48) {
      throw new IllegalArgumentException("time outside the 48 bits a version 7 UUID holds: " + unixMillis);
    }
    byte[] r = new byte[10];
    rng.nextBytes(r);
    long high = (unixMillis << 16) | 0x7000L | ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);
    long low = 0x8000_0000_0000_0000L | ((r[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) {
      low |= (r[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(high, low).toString();
  }
}
