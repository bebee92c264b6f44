package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;

/** {@code keep key decrypt}: a ciphertext made by {@code keep key encrypt}, opened by the server. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    header = "Decrypt a file made by 'keep key encrypt' into a new owner-only file.",
    description = {"Decrypt a file made by 'keep key encrypt' with the version that encrypted it (active or in its",
        "overlap). The plaintext is written owner-only and never over an existing file."})
final class KeyDecryptCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The ciphertext.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the plaintext goes (new file).")
  Path out;

  @Option(names = "--associated-data", paramLabel = "TEXT",
      description = "Context bound into the ciphertext (for example a record id); decrypting needs the same text.")
  String associatedData;

  @Override
  public Integer call() {
    if (StreamFiles.isStream(in)) {
      long n = StreamFiles.decrypt(key.keep, name, in, out, associatedData);
      var w = key.spec.commandLine().getOut();
      if (key.keep.json) {
        Output.json(w, StreamFiles.summary(name, in, out, n));
      } else {
        w.println("Decrypted " + in + " (" + n + " bytes, streamed) with " + name + "; plaintext in " + out
            + " (owner-only)");
      }
      return 0;
    }
    // A ciphertext is its plaintext plus a small header and tag (more for ML-KEM), so the same cap applies.
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE + 4096);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "decrypt"),
        KeyFiles.body("ciphertext", data, associatedData), key.keep.token());
    byte[] plain = Base64.getDecoder().decode(r.path("plaintext").asText());
    try {
      PrivateFiles.write(out, plain);
    } catch (IOException e) {
      throw KeepException.badInput("cannot-write", "cannot write " + out + ": " + e.getMessage());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, Map.of("key", name, "in", in.toString(), "out", out.toString()));
    } else {
      w.println("Decrypted " + in + " with " + name + "; plaintext in " + out + " (owner-only)");
    }
    return 0;
  }
}
