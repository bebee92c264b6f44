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
    description = {"Sign a file's bytes with the key's active version; writes the raw signature.",
        "Files up to 512 KiB are sent whole; a larger file (or any with --digest) is hashed here and only its",
        "digest is sent (SHA-384 for ecdsa-p384, SHA-256 for rsa, FIPS 204 mu for ml-dsa; ed25519 signs whole",
        "files only). The signature is the same either way: it verifies over the file."})
final class KeySignCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign.")
  Path in;

  @Option(names = "--context", paramLabel = "TEXT", description = "ML-DSA only: a context string (UTF-8, at most "
      + "255 bytes) the signature is bound to; verifying needs the same one.")
  String context;

  @Option(names = "--digest", description = "Hash the file here and send only its digest, whatever its size.")
  boolean digest;

  @Option(names = "--out", required = true, paramLabel = "SIGFILE", description = "Where the signature goes.")
  Path out;

  @Override
  public Integer call() {
    Map<String, Object> body = SignedFiles.asDigest(in, digest)
        ? SignedFiles.digests(key.keep, name, in, context, true).getFirst().body() : SignedFiles.whole(in, context);
    JsonNode r = key.keep.api().post(KeyCommand.path(name, "sign"), body, key.keep.token());
    KeyFiles.write(out, Base64.getDecoder().decode(r.path("signature").asText()));
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else {
      w.println("Signed " + in + " with " + name + " v" + r.path("version").asInt() + " (" + r.path("algorithm")
          .asText() + ", key id " + r.path("publicKeyId").asText() + (body.containsKey("digest") ? ", by digest"
          : "") + "); signature in " + out);
    }
    return 0;
  }
}
