package sovereign.munin.keep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.witness.Witness;
import sovereign.munin.keep.log.witness.WitnessKeys;

/** {@code keep witness init}: create a witness's keys and empty state on the machine that will witness. */
@Command(name = "init", mixinStandardHelpOptions = true,
    header = "Create a witness: its Ed25519 and ML-DSA-65 keys in a directory.",
    description = {"Create a witness: an Ed25519 and an ML-DSA-65 key pair (private keys in",
        "witness-key.pem, readable by its owner only), their verifier keys in",
        "witness.vkeys, and an empty state/ folder. Give the printed verifier keys to",
        "the log operator. An existing witness is never overwritten."},
    footer = {"", "Example:", "  keep witness init --out /srv/witness --name witness-hq"})
final class WitnessInitCommand implements Callable<Integer> {

  @ParentCommand WitnessCommand witness;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "WDIR", required = true, description = "The new witness directory.")
  Path out;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The witness's name in its cosignatures (default: witness-<hostname>).")
  String name;

  @Override
  public Integer call() {
    String witnessName = name != null ? name : defaultName();
    String problem = WitnessKeys.nameProblem(witnessName);
    if (problem != null) {
      throw KeepException.badInput("witness-name-invalid", problem);
    }
    Witness created;
    try {
      created = Witness.create(out, witnessName, Clock.systemUTC());
    } catch (LogException e) {
      throw KeepException.badInput("witness-create-failed", e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (witness.keep.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", created.name());
      m.put("directory", out.toString());
      m.put("vkeys", created.verifierKeys().stream().map(VerifierKey::vkey).toList());
      m.put("vkeysFile", out.resolve(Witness.VKEYS_FILE).toString());
      Output.json(stdout, m);
      return 0;
    }
    stdout.println("Created witness " + created.name() + " in " + out);
    stdout.println("Private keys: " + out.resolve(Witness.KEY_FILE) + " (owner-only; never copy it off this machine)");
    stdout.println();
    stdout.println("Give these verifier keys to the log operator (also in " + out.resolve(Witness.VKEYS_FILE) + "):");
    created.verifierKeys().forEach(key -> stdout.println("  " + key.vkey()));
    stdout.flush();
    return 0;
  }

  /** {@code witness-<hostname>}, from the host's name file or environment: no network lookup, ever. */
  static String defaultName() {
    String host = null;
    try {
      Path etc = Path.of("/etc/hostname");
      if (Files.isRegularFile(etc) && Files.size(etc) < 256) {
        host = Files.readString(etc, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      // fall back to the environment below
    }
    if (host == null || host.isEmpty()) {
      host = System.getenv().getOrDefault("HOSTNAME", System.getenv().getOrDefault("COMPUTERNAME", ""));
    }
    String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    cleaned = cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    return cleaned.isEmpty() ? "witness" : "witness-" + cleaned;
  }
}
