package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;

/** {@code keep key datakey}: a fresh AES-256 data key, in the clear and encrypted under a managed key. */
@Command(name = "datakey", mixinStandardHelpOptions = true,
    header = "Make an AES-256 data key for envelope encryption, and its encrypted copy.",
    description = {"Make a new AES-256 data key for envelope encryption: the encrypted copy (store it beside your",
        "data; 'keep key decrypt' gives the key back) and, unless --encrypted-only, the key itself (owner-only)."})
final class KeyDataKeyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The managed key that encrypts the data key.")
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Where the data key in the clear goes (a new file).")
  Path out;

  @Option(names = "--encrypted-out", required = true, paramLabel = "FILE",
      description = "Where the encrypted data key goes (a new file).")
  Path encryptedOut;

  @Option(names = "--encrypted-only", description = "Return only the encrypted data key.")
  boolean encryptedOnly;

  @Option(names = "--associated-data", paramLabel = "TEXT",
      description = "Context bound into the encrypted data key; decrypting it needs the same text.")
  String associatedData;

  @Override
  public Integer call() {
    if (encryptedOnly == (out != null)) {
      throw KeepException.badInput("bad-options", "give --out FILE for the data key, or --encrypted-only");
    }
    Map<String, Object> body = KeyFiles.withAssociatedData(new LinkedHashMap<>(), associatedData);
    if (encryptedOnly) {
      body.put("plaintext", "none");
    }
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "datakey"), body, key.keep.token());
    try {
      Files.write(encryptedOut, Base64.getDecoder().decode(r.path("ciphertext").asText()),
          StandardOpenOption.CREATE_NEW);
      if (out != null) {
        byte[] plain = Base64.getDecoder().decode(r.path("plaintext").asText());
        try {
          PrivateFiles.write(out, plain);
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
      }
    } catch (IOException e) {
      throw KeepException.badInput("cannot-write", "cannot write the data key files (they must not exist yet): "
          + e.getMessage());
    }
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", name);
      m.put("encrypted", encryptedOut.toString());
      m.put("plaintext", out == null ? null : out.toString());
      Output.json(w, m);
    } else {
      w.println("Data key encrypted under " + name + " in " + encryptedOut
          + (out == null ? "" : "; the key itself in " + out + " (owner-only)"));
    }
    return 0;
  }
}
