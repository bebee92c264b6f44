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

/** {@code keep key verify}: checks a raw signature against a key's versions, revocations included. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a raw signature over a file against the key's versions. Exit 0 if valid, 1 if not",
        "(wrong signature, retired version, or made at or after a compromise)."})
final class KeyVerifyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The signed file.")
  Path in;

  @Option(names = "--sig", required = true, paramLabel = "SIGFILE", description = "The signature.")
  Path sig;

  @Override
  public Integer call() {
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE);
    byte[] signature = KeyFiles.read(sig, 64 * 1024);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "verify"), Map.of("message",
        Base64.getEncoder().encodeToString(data), "signature", Base64.getEncoder().encodeToString(signature)),
        key.keep.token());
    var w = key.spec.commandLine().getOut();
    boolean valid = r.path("valid").asBoolean();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println((valid ? "VALID: " : "INVALID: ") + r.path("reason").asText());
    }
    return valid ? 0 : 1;
  }
}
