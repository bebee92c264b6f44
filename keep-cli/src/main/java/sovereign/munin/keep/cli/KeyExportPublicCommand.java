package sovereign.munin.keep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;

/** {@code keep key export-public}: a version's public key as PEM (SPKI). */
@Command(name = "export-public",
    header = "Export a public key as PEM, or the key's JWK Set.",
    description = {"Export a public key as PEM (SPKI; its key id is the SHA-256 of the SPKI DER), or with --jwks",
        "a signing key's public keys as a JWK Set (RFC 7517) for JOSE and JWT verifiers."})
final class KeyExportPublicCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  // No standard help mixin: its --version (the build's) would clash with the key version option.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Option(names = "--version", paramLabel = "N", description = "Version (default: the active one).")
  Integer version;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the PEM here instead of standard output.")
  Path out;

  @Option(names = "--jwks", description = "The JWK Set of every version published ahead, in service or verifying.")
  boolean jwks;

  @Override
  public Integer call() {
    if (jwks) {
      var set = key.keep.api().get(KeyCommand.path(name, "jwks"), key.keep.token());
      String text = set.toPrettyString() + System.lineSeparator();
      if (out != null) {
        try {
          Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw KeepException.badInput("cannot-write", "cannot write " + out + ": " + e.getMessage());
        }
        key.spec.commandLine().getOut().println("Wrote " + out);
      } else {
        key.spec.commandLine().getOut().print(text);
      }
      return 0;
    }
    String path = KeyCommand.path(name, "public") + (version == null ? "" : "?version=" + version);
    String pem = key.keep.api().get(path, key.keep.token()).path("pem").asText();
    var w = key.spec.commandLine().getOut();
    if (out != null) {
      try {
        Files.writeString(out, pem, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw KeepException.badInput("cannot-write", "cannot write " + out + ": " + e.getMessage());
      }
    }
    if (key.keep.json) {
      Output.json(w, Map.of("key", name, "pem", pem));
    } else if (out == null) {
      w.print(pem);
    } else {
      w.println("Wrote " + out);
    }
    w.flush();
    return 0;
  }
}
