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

/** {@code keep key mac}: an HMAC-SHA-256 over a file by a MAC key's active version. */
@Command(name = "mac", mixinStandardHelpOptions = true,
    description = {"Compute an HMAC-SHA-256 over a file (at most 512 KiB) with an hmac-sha256 key's active version.",
        "The MAC (37 bytes: format, version, HMAC) names its version, so it checks after a rotation too; the",
        "secret never leaves the server. Check it with 'keep key mac-verify'."})
final class KeyMacCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The MAC key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file (at most 512 KiB).")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "MACFILE", description = "Where the MAC goes.")
  Path out;

  @Override
  public Integer call() {
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "mac"), Map.of("data",
        Base64.getEncoder().encodeToString(data)), key.keep.token());
    byte[] mac = Base64.getDecoder().decode(r.path("mac").asText());
    KeyFiles.write(out, mac);
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, Map.of("key", name, "in", in.toString(), "out", out.toString(), "mac", r.path("mac").asText()));
    } else {
      w.println("MAC of " + in + " by " + name + " v" + java.nio.ByteBuffer.wrap(mac, 1, 4).getInt() + " in " + out);
    }
    return 0;
  }
}
