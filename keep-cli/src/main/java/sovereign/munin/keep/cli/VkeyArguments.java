package sovereign.munin.keep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;

/**
 * Verifier keys from the command line: each value a vkey, or {@code @FILE} naming a file of one vkey per line.
 *
 * <p>picocli already expands an existing {@code @FILE} into its lines (skipping {@code #} comments) before this sees
 * the values, which is why the key options take several values each; reading {@code @FILE} here covers a file
 * picocli could not open, so the user hears why.
 */
final class VkeyArguments {

  private static final long MAX_FILE = 1 << 20;

  private VkeyArguments() {}

  /** The keys, without duplicates, in the order given; {@code #} starts a comment line in a key file. */
  static List<VerifierKey> parse(List<String> values, String option) {
    Set<VerifierKey> keys = new LinkedHashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value.startsWith("@")) {
        Path file = Path.of(value.substring(1));
        for (String line : new String(read(file, MAX_FILE, option), StandardCharsets.UTF_8).split("\n")) {
          String key = line.strip();
          if (!key.isEmpty() && !key.startsWith("#")) {
            keys.add(parseOne(key, option + " " + value));
          }
        }
      } else {
        keys.add(parseOne(value.strip(), option));
      }
    }
    return List.copyOf(keys);
  }

  /** A regular file of at most {@code max} bytes, for keys and checkpoints named on the command line. */
  static byte[] read(Path file, long max, String what) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw KeepException.badInput("file-unreadable", what + ": " + file + " is not a regular file");
      }
      if (Files.size(file) > max) {
        throw KeepException.badInput("file-too-large", what + ": " + file + " is larger than " + max + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw KeepException.badInput("file-unreadable", what + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  private static VerifierKey parseOne(String vkey, String where) {
    try {
      return VerifierKey.parse(vkey);
    } catch (LogException | IllegalArgumentException e) {
      throw KeepException.badInput("vkey-invalid", where + ": not a verifier key (name+id+key): " + e.getMessage());
    }
  }
}
