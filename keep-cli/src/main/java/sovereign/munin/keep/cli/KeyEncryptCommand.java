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

/** {@code keep key encrypt}: a file encrypted by the server under the key's active version. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
    header = "Encrypt a file with an encryption key's active version.",
    description = {"Encrypt a file with an encryption key's active version (aes-256-gcm, or ml-kem-768-x25519 to its",
        "public key). The ciphertext names its version, so it decrypts after rotation too. A file over 512 KiB",
        "(or any with --stream) is encrypted here in 64 KiB segments under a fresh data key that the server",
        "encrypts with the managed key; decrypt and rewrap recognise such files."})
final class KeyEncryptCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to encrypt.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the ciphertext goes.")
  Path out;

  @Option(names = "--associated-data", paramLabel = "TEXT",
      description = "Context bound into the ciphertext (for example a record id); decrypting needs the same text.")
  String associatedData;

  @Option(names = "--stream", description = "Encrypt here under a fresh data key, whatever the file's size.")
  boolean stream;

  @Override
  public Integer call() {
    if (SignedFiles.asDigest(in, stream)) {
      long n = StreamFiles.encrypt(key.keep, name, in, out, associatedData);
      var w = key.spec.commandLine().getOut();
      if (key.keep.json) {
        Output.json(w, StreamFiles.summary(name, in, out, n));
      } else {
        w.println("Encrypted " + in + " (" + n + " bytes, in 64 KiB segments under a data key wrapped by " + name
            + ") into " + out);
      }
      return 0;
    }
    byte[] data = KeyFiles.read(in, KeyFiles.MAX_MESSAGE);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "encrypt"),
        KeyFiles.body("plaintext", data, associatedData), key.keep.token());
    byte[] ct = Base64.getDecoder().decode(r.path("ciphertext").asText());
    KeyFiles.write(out, ct);
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, Map.of("key", name, "in", in.toString(), "out", out.toString(), "bytes", ct.length));
    } else {
      w.println("Encrypted " + in + " with " + name + "; ciphertext (" + ct.length + " bytes) in " + out);
    }
    return 0;
  }
}
