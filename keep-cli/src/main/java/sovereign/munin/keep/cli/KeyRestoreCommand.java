package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key restore}: opens a backup with the custodians' keys and restores it into this instance. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restore a backup into this (fresh) instance: the custodians' keys open it on this machine,",
        "the server re-seals every key under its own root key. Existing key names are refused."})
final class KeyRestoreCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
  Path dir;

  @Option(names = "--identity", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Custodians' hybrid private key files (at least the threshold).")
  List<Path> identities;

  @Option(names = "--trust-root", paramLabel = "PEM", description = "Require this root of trust as the signer.")
  Path trustRoot;

  @Override
  public Integer call() throws Exception {
    var opened = Custodians.open(dir, identities, trustRoot);
    byte[] payload = JSON.writeValueAsBytes(opened.payload());
    var r = key.keep.api().post("/api/v1/keys/restore", Map.of("payload",
        Base64.getEncoder().encodeToString(payload)), key.keep.token());
    java.util.Arrays.fill(payload, (byte) 0);
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println("Restored " + r.path("restored").size() + " key(s): " + r.path("restored").toString());
    }
    return 0;
  }
}
