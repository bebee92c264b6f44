package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.BackupBundle;
import sovereign.munin.keep.app.keys.BackupFiles;

/** {@code keep key backup}: an encrypted offline backup of every key, for M of N custodians. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    header = "Write an encrypted backup of every key for M of N custodians.",
    description = {"Write an encrypted backup of every key to DIR: the payload sealed under a one-time key, that",
        "key Shamir-split so any --threshold M of the --recipients restore, each share encrypted to one",
        "custodian's hybrid ML-KEM-768 + X25519 public key; the manifest is signed by the root of trust.",
        "Custodian keys: keep key generate --type ml-kem-768-x25519 --out FILE (use FILE.pub here)."},
    subcommands = {KeyBackupVerifyCommand.class})
final class KeyBackupCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;
  @Spec CommandSpec spec;

  @Option(names = "--to", paramLabel = "DIR", description = "An empty folder, e.g. on removable media.")
  Path to;

  @Option(names = "--recipients", arity = "1..*", paramLabel = "FILE", description = "Custodians' public keys.")
  List<Path> recipients = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "M", description = "Custodians needed to restore.")
  Integer threshold;

  @Override
  public Integer call() {
    if (to == null || recipients.isEmpty() || threshold == null) {
      throw KeepException.badInput("backup-options", "give --to DIR, --recipients FILE... and --threshold M");
    }
    List<String> pems = recipients.stream().map(p -> new String(KeyFiles.read(p, 64 * 1024),
        StandardCharsets.US_ASCII)).toList();
    KeepCommand keep = key.keep;
    JsonNode r = keep.api().post("/api/v1/keys/backup", Map.of("recipients", pems, "threshold", threshold),
        keep.token());
    Base64.Decoder dec = Base64.getDecoder();
    List<BackupBundle.Share> shares = new ArrayList<>();
    r.path("shares").forEach(s -> shares.add(new BackupBundle.Share(s.path("recipient").asText(),
        dec.decode(s.path("ciphertext").asText()))));
    BackupBundle b = new BackupBundle(dec.decode(r.path("manifest").asText()),
        dec.decode(r.path("manifestSignature").asText()), r.path("signerPem").asText(),
        dec.decode(r.path("payload").asText()), shares);
    BackupFiles.write(to, b);
    var w = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(w, Map.of("dir", to.toString(), "recipients", shares.size(), "threshold", threshold));
    } else {
      w.println("Wrote an encrypted backup to " + to + " (" + threshold + " of " + shares.size()
          + " custodians restore). Run 'keep key backup verify " + to + " --identity ...' as a restore drill.");
    }
    return 0;
  }
}
