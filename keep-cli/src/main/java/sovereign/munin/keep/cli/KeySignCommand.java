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

/** {@code keep key sign}: a raw signature over a file by the key's active version. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a file's bytes with the key's active version; writes the raw signature.")
final class KeySignCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign (at most 512 KiB).")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "SIGFILE", description = "Where the signature goes.")
  Path out;

  @Override
  public Integer call() {
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "sign"),
        Map.of("message", Base64.getEncoder().encodeToString(data)), key.keep.token());
    KeyFiles.write(out, Base64.getDecoder().decode(r.path("signature").asText()));
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println("Signed " + in + " with " + name + " v" + r.path("version").asInt() + " (" + r.path("algorithm")
          .asText() + ", key id " + r.path("publicKeyId").asText() + "); signature in " + out);
    }
    return 0;
  }
}
