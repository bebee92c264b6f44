package sovereign.munin.keep.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key backup verify}: the restore drill, offline, importing nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Restore drill, offline: open a backup with custodians' keys and check it.",
    description = {"Restore drill, offline: check the manifest signature and hashes, decrypt the custodians'",
        "shares, recover the backup key and decrypt the payload; nothing is imported."})
final class KeyBackupVerifyCommand implements Callable<Integer> {

  @ParentCommand KeyBackupCommand backup;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
  Path dir;

  @Option(names = "--identity", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Custodians' hybrid private key files (at least the threshold).")
  List<Path> identities;

  @Option(names = "--trust-root", required = true, paramLabel = "PEM",
      description = "The root of trust of the instance that made the backup: its manifest must be signed by it.")
  Path trustRoot;

  @Override
  public Integer call() {
    var opened = Custodians.open(dir, identities, trustRoot);
    var w = backup.spec.commandLine().getOut();
    int keys = opened.payload().path("keys").size();
    if (backup.key.keep.json) {
      Output.json(w, Map.of("ok", true, "keys", keys, "signer", opened.signerKeyId(),
          "createdAt", opened.manifest().path("createdAt").asText(), "probesDecrypted", opened.probesDecrypted()));
    } else {
      w.println("OK: backup of " + keys + " key(s) from " + opened.manifest().path("createdAt").asText()
          + " decrypts and matches its manifest (signed by " + opened.signerKeyId() + ").");
      w.println("Data encrypted before the backup decrypts after a restore: checked for "
          + opened.probesDecrypted() + " encryption key(s).");
    }
    return 0;
  }
}
