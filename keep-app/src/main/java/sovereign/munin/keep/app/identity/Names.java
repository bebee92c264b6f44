package sovereign.munin.keep.app.identity;

import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;

/** Checks user and project names: short, lower-case, safe in URLs, file names and audit records. */
final class Names {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,62}");

  private Names() {}

  static String require(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KeepException.badInput("bad-" + what + "-name", what + " names are 1 to 63 characters: a lower-case "
          + "letter, then lower-case letters, digits, '.', '_' or '-'");
    }
    return name;
  }
}
