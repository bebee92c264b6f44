package sovereign.munin.keep.app.identity;

import java.security.SecureRandom;
import java.util.Objects;

/** A generated password shown once to the person who sets up an account; it must be changed at first login. */
public record OneTimePassword(String value) {

  // No look-alike characters (0/O, 1/l/I), so it can be read aloud or copied by hand.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 24;

  public OneTimePassword {
    Objects.requireNonNull(value, "value");
  }

  /** About 139 bits from the CSPRNG. */
  public static OneTimePassword random(SecureRandom rng) {
    StringBuilder sb = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
    }
    return new OneTimePassword(sb.toString());
  }

  @Override
  public String toString() {
    return "OneTimePassword[redacted]";
  }
}
