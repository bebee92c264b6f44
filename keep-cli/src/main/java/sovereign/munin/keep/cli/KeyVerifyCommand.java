package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import sovereign.munin.keep.app.KeepException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key verify}: checks a raw signature against a key's versions, revocations included. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Verify a signature over a file; exit 0 if valid, 1 if not.",
    description = {"Verify a raw signature over a file against the key's versions. Exit 0 if valid, 1 if not",
        "(wrong signature, retired version, or made at or after a compromise). A file over 512 KiB (or any with",
        "--digest) is hashed here and only its digest is sent, as keep key sign does."})
final class KeyVerifyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The signed file.")
  Path in;

  @Option(names = "--sig", required = true, paramLabel = "SIGFILE", description = "The signature.")
  Path sig;

  @Option(names = "--context", paramLabel = "TEXT", description = "ML-DSA only: the context string the signature "
      + "was made with.")
  String context;

  @Option(names = "--digest", description = "Hash the file here and send only its digest, whatever its size.")
  boolean digest;

  @Override
  public Integer call() {
    String signature = Base64.getEncoder().encodeToString(KeyFiles.read(sig, 64 * 1024));
    JsonNode r = null;
    if (!SignedFiles.asDigest(in, digest)) {
      Map<String, Object> body = SignedFiles.whole(in, context);
      body.put("signature", signature);
      r = key.keep.api().post(KeyCommand.path(name, "verify"), body, key.keep.token());
    } else {
      // An ML-DSA digest is one per version: ask for each until one matches (valid or not).
      for (SignedFiles.Body b : SignedFiles.digests(key.keep, name, in, context, false)) {
        b.body().put("signature", signature);
        r = key.keep.api().post(KeyCommand.path(name, "verify"), b.body(), key.keep.token());
        if (r.hasNonNull("version")) {
          break;
        }
      }
      if (r == null) {
        throw KeepException.badInput("no-public-key", "key '" + name + "' has no version with a public key");
      }
    }
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
