package sovereign.munin.keep.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key revoke}: mark a key (or one version) compromised, at once. */
@Command(name = "revoke",
    header = "Revoke a compromised key version as of the compromise time.",
    description = {"Revoke a compromised key now. Signatures made at or after the compromise time stop verifying;",
        "earlier ones made by this server still verify. A compromise time in the future is refused."})
final class KeyRevokeCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  // No standard help mixin: its --version (the build's) would clash with the key version option.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--compromised-at", required = true, paramLabel = "TIME",
      description = "When the key was (or may have been) compromised, e.g. 2026-11-23T10:00:00Z.")
  String compromisedAt;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record.")
  String reason;

  @Option(names = "--version", paramLabel = "N", description = "Only this version (default: every version).")
  Integer version;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("compromisedAt", compromisedAt);
    body.put("reason", reason);
    body.put("version", version);
    key.print(key.keep.api().post(KeyCommand.path(name, "revoke"), body, key.keep.token()));
    return 0;
  }
}
