package sovereign.munin.keep.app.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;

/**
 * The log's verifier keys pinned outside the databases: written at init to {@code audit-keys.pin} in the data
 * directory (and printed for custodians to keep), read by {@code keep audit verify} and {@code proof}, so that a
 * history rewritten with new keys in the database does not verify.
 */
public final class AuditPins {

  private AuditPins() {}

  public static Path file(DataDirectory dir) {
    return dir.root().resolve("audit-keys.pin");
  }

  /** Pins {@code keys}; refuses to replace an existing pin. */
  public static void write(DataDirectory dir, List<VerifierKey> keys) {
    StringBuilder b = new StringBuilder("# Munin Keep audit log verifier keys, pinned at init. Custodians keep a "
        + "copy;\n# 'keep audit verify --key @FILE' checks a log against it.\n");
    keys.forEach(k -> b.append(k.vkey()).append('\n'));
    try {
      Files.writeString(file(dir), b, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-pin-unwritable", "cannot pin the audit keys in "
          + file(dir) + ": " + e.getMessage(), e);
    }
  }

  /** The pinned keys, or empty when this data directory has none (made before pinning existed). */
  public static Optional<List<VerifierKey>> read(DataDirectory dir) {
    Path f = file(dir);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      if (Files.size(f) > 64 * 1024) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-pin-unreadable", f + " is too large for a "
            + "list of verifier keys");
      }
      List<VerifierKey> out = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(VerifierKey.parse(l));
        }
      }
      if (out.isEmpty()) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-pin-unreadable", f + " pins no key");
      }
      return Optional.of(out);
    } catch (IOException | LogException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-pin-unreadable", "cannot read the pinned "
          + "audit keys in " + f + ": " + e.getMessage(), e);
    }
  }

  public static Path headFile(DataDirectory dir) {
    return dir.root().resolve("audit-head.note");
  }
}
