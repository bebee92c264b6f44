package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.keys.BackupBundle;
import sovereign.munin.keep.app.keys.BackupFiles;
import sovereign.munin.keep.crypto.SecretBytes;

/** {@code keep key restore}: opens a backup with the custodians' keys and restores it into this instance. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    header = "Restore a backup into a fresh instance.",
    description = {"Restore a backup into this fresh instance: the custodians' keys recover the backup key on",
        "this machine; the server checks the manifest against --trust-root (the root of trust of the instance",
        "that made the backup), the payload and each key's restore probe, and re-seals every key under its own",
        "root key. An instance that already has keys is refused."})
final class KeyRestoreCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
  Path dir;

  @Option(names = "--identity", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Custodians' hybrid private key files (at least the threshold).")
  List<Path> identities;

  @Option(names = "--trust-root", required = true, paramLabel = "PEM",
      description = "The root of trust of the instance that made the backup ('keep trust export --root-out').")
  Path trustRoot;

  @Override
  public Integer call() throws Exception {
    BackupBundle bundle = BackupFiles.read(dir);
    String root = new String(KeyFiles.read(trustRoot, 64 * 1024), java.nio.charset.StandardCharsets.US_ASCII);
    Base64.Encoder b64 = Base64.getEncoder();
    JsonNode r;
    try (SecretBytes backupKey = Custodians.recoverKey(bundle, identities, trustRoot)) {
      byte[] k = backupKey.copyBytes();
      try {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("manifest", b64.encodeToString(bundle.manifest()));
        body.put("manifestSignature", b64.encodeToString(bundle.manifestSignature()));
        body.put("signerPem", bundle.signerPem());
        body.put("payload", b64.encodeToString(bundle.payload()));
        body.put("backupKey", b64.encodeToString(k));
        body.put("trustRoot", root);
        r = key.keep.api().post("/api/v1/keys/restore", body, key.keep.token());
      } finally {
        java.util.Arrays.fill(k, (byte) 0);
      }
    }
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println("Restored " + r.path("restored").size() + " key(s): " + r.path("restored").toString());
    }
    return 0;
  }
}
