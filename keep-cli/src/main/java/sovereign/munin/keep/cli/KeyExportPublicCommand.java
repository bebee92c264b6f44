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
    description = "Export a public key as PEM (SPKI; its key id is the SHA-256 of the SPKI DER).")
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

  @Override
  public Integer call() {
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
