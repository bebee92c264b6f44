package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key mac-verify}: checks a MAC made by {@code keep key mac}. */
@Command(name = "mac-verify", mixinStandardHelpOptions = true,
    header = "Check a MAC made by 'keep key mac'; exit 0 if valid, 1 if not.",
    description = {"Check a MAC made by 'keep key mac' with the version it names. Exit 0 if valid, 1 if not (the",
        "data changed, another key, or the version is archived or below the key's lowest decrypting version)."})
final class KeyMacVerifyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The MAC key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file (at most 512 KiB).")
  Path in;

  @Option(names = "--mac", required = true, paramLabel = "MACFILE", description = "The MAC.")
  Path mac;

  @Override
  public Integer call() {
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE);
    byte[] tag = KeyFiles.read(mac, 1024);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "mac-verify"), Map.of("data",
        Base64.getEncoder().encodeToString(data), "mac", Base64.getEncoder().encodeToString(tag)), key.keep.token());
    boolean valid = r.path("valid").asBoolean();
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println((valid ? "VALID: " : "INVALID: ") + r.path("reason").asText());
    }
    return valid ? 0 : 1;
  }
}
