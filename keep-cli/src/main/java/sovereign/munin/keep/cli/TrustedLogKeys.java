package sovereign.munin.keep.cli;

import java.util.List;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditPins;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.log.VerifierKey;

/**
 * Which audit log keys a check trusts: those given with {@code --key}, else those pinned in the data directory at
 * init ({@code audit-keys.pin}); the keys the database or server reports only when asked for explicitly, since a
 * history rewritten with new keys would carry its own.
 */
record TrustedLogKeys(List<VerifierKey> keys, String source) {

  /** Null {@code keys} with a source means: trust what the database or server reports. */
  static TrustedLogKeys resolve(List<String> given, DataDirectory dir, boolean trustReported, String reportedBy,
      String trustOption) {
    if (given != null) {
      return new TrustedLogKeys(VkeyArguments.parse(given, "--key"), "given with --key");
    }
    var pinned = java.nio.file.Files.isDirectory(dir.root()) ? AuditPins.read(dir) : java.util.Optional
        .<List<VerifierKey>>empty();
    if (pinned.isPresent()) {
      return new TrustedLogKeys(pinned.get(), "pinned in " + AuditPins.file(dir));
    }
    if (trustReported) {
      return new TrustedLogKeys(null, "as " + reportedBy + " reports them (" + trustOption + "), NOT pinned");
    }
    throw KeepException.badInput("no-pinned-keys", "no pinned audit keys: " + AuditPins.file(dir) + " does not "
        + "exist. Give the keys custodians were given at init (--key @FILE), or trust the keys " + reportedBy
        + " reports with " + trustOption + " (a history rewritten with new keys would pass)");
  }

  /** One line naming the trusted keys, for the output. */
  String describe() {
    if (keys == null) {
      return "Keys trusted: " + source;
    }
    StringBuilder b = new StringBuilder("Keys trusted: " + source + ":");
    keys.forEach(k -> b.append(' ').append(k.type().name().toLowerCase(java.util.Locale.ROOT)).append(':')
        .append(String.format("%08x", k.keyId())));
    return b.toString();
  }
}
