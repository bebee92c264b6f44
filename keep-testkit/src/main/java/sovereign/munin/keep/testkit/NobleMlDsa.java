package sovereign.munin.keep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Peer verifier: ML-DSA-65 signatures checked by {@code @noble/post-quantum@0.7.1} on Node, an implementation
 * independent of the JDK and of Bouncy Castle. Installs the package under {@code target/} once. Without node or
 * npm the calling test is aborted (skipped on a developer machine, failed under CI=true by {@link CiMustRun}).
 */
public final class NobleMlDsa {

  /** One signature to check: raw 1,952-byte public key, message, signature, and FIPS 204 context (or null). */
  public record Case(String name, byte[] publicKey, byte[] message, byte[] signature, byte[] context) {}

  private static final String PACKAGE = "@noble/post-quantum@0.7.1";
  private static final Path DIR = Path.of("target", "noble-post-quantum-0.7.1");
  private static final HexFormat HEX = HexFormat.of();

  private NobleMlDsa() {}

  /** Verifies every case; one line per case, "name true|false" (or "name error:..."), in order. */
  public static List<String> verify(List<Case> cases) throws IOException, InterruptedException {
    Path script = prepare();
    List<String> json = new ArrayList<>();
    for (Case c : cases) {
      String one = "{\"name\":\"%s\",\"pub\":\"%s\",\"msg\":\"%s\",\"sig\":\"%s\"".formatted(c.name(),
          HEX.formatHex(c.publicKey()), HEX.formatHex(c.message()), HEX.formatHex(c.signature()));
      json.add(c.context() == null ? one + "}" : one + ",\"ctx\":\"" + HEX.formatHex(c.context()) + "\"}");
    }
    Path file = Files.createTempFile(DIR, "cases-", ".json");
    try {
      Files.writeString(file, "[" + String.join(",", json) + "]");
      Result r = run(List.of("node", script.getFileName().toString(), file.getFileName().toString()), 60);
      if (r.exitCode() != 0) {
        throw new AssertionError("the noble verifier failed (exit " + r.exitCode() + "): " + r.output());
      }
      return r.output().lines().toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path prepare() throws IOException, InterruptedException {
    requireTool("node", "--version");
    requireTool("npm", "--version");
    Files.createDirectories(DIR);
    Path installed = DIR.resolve("node_modules/@noble/post-quantum/package.json");
    if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"0.7.1\"")) {
      // A package.json of its own stops npm from walking up into the repository.
      Files.writeString(DIR.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
      Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", PACKAGE), 300);
      if (npm.exitCode() != 0) {
        unavailable("npm install " + PACKAGE + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
      }
    }
    Path script = DIR.resolve("verify-ml-dsa65.mjs");
    try (InputStream in = NobleMlDsa.class.getResourceAsStream("verify-ml-dsa65.mjs")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private static void requireTool(String... command) {
    try {
      Result r = run(List.of(command), 30);
      if (r.exitCode() != 0) {
        unavailable(command[0] + " is not usable (exit " + r.exitCode() + "): " + r.output());
      }
    } catch (IOException | InterruptedException e) {
      unavailable(command[0] + " is not installed: " + e.getMessage());
    }
  }

  private static void unavailable(String reason) {
    Assumptions.abort("ML-DSA peer check against " + PACKAGE + " cannot run: " + reason);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile("noble-", ".log");
    try {
      Process process = new ProcessBuilder(command)
          .directory(DIR.toFile().exists() ? DIR.toFile() : null)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
      }
      return new Result(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
