package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;

/** {@code keep key rewrap}: move a ciphertext to the key's active version without the plaintext leaving the server. */
@Command(name = "rewrap", mixinStandardHelpOptions = true,
    header = "Move a ciphertext to the key's active version; the plaintext stays on the server.",
    description = {"Re-encrypt a file made by 'keep key encrypt' under the key's active version: the server",
        "decrypts with the version that made it and encrypts again; the plaintext never leaves it. Rewrap old",
        "ciphertexts after a rotation, then close the old versions with 'keep key min-decryption-version'."})
final class KeyRewrapCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The ciphertext.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where the new ciphertext goes (a new file).")
  Path out;

  @Option(names = "--associated-data", paramLabel = "TEXT",
      description = "Context bound into the ciphertext (for example a record id); decrypting needs the same text.")
  String associatedData;

  @Override
  public Integer call() {
    if (StreamFiles.isStream(in)) {
      int v = StreamFiles.rewrap(key.keep, name, in, out, associatedData);
      var w = key.spec.commandLine().getOut();
      if (key.keep.json) {
        Output.json(w, Map.of("key", name, "in", in.toString(), "out", out.toString(), "version", v,
            "streamed", true));
      } else {
        w.println("Rewrapped the data key of " + in + " under version " + v + " of " + name + " into " + out);
      }
      return 0;
    }
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE + 4096);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "rewrap"),
        KeyFiles.body("ciphertext", data, associatedData), key.keep.token());
    byte[] moved = Base64.getDecoder().decode(r.path("ciphertext").asText());
    try {
      Files.write(out, moved, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw KeepException.badInput("cannot-write", "cannot write " + out + " (it must not exist yet): "
          + e.getMessage());
    }
    int version = java.nio.ByteBuffer.wrap(moved, 1, 4).getInt();
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, Map.of("key", name, "in", in.toString(), "out", out.toString(), "version", version));
    } else {
      w.println("Rewrapped " + in + " under version " + version + " of " + name + " into " + out);
    }
    return 0;
  }
}
