package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keep trust export}: writes the signed trust file. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the trust file (a DSSE envelope signed by the instance's ML-DSA-65 root of trust).",
        "With --root-out, also write the root's public key: pin it once at each offline verifier and check",
        "every later trust file with 'keep trust verify FILE --root ROOT.pem'.",
        "With --project, the file holds that project's keys (for its members); without it, every project's",
        "(for the security team and auditors). Each export makes the root key sign: it needs a fresh MFA check.",
        "Example: keep trust export --project payments --out trust.json --root-out trust-root.pem"})
final class TrustExportCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand TrustCommand trust;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the trust file goes.")
  Path out;

  @Option(names = "--root-out", paramLabel = "PEM", description = "Also write the root of trust's public key here.")
  Path rootOut;

  @Option(names = "--project", paramLabel = "P", description = "Only this project's keys (its name).")
  String project;

  @Override
  public Integer call() throws Exception {
    KeepCommand keep = trust.keep;
    JsonNode envelope = keep.api().post(project == null ? "/api/v1/trust/export"
        : "/api/v1/projects/" + java.net.URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20")
        + "/trust/export", null, keep.token());
    KeyFiles.write(out, JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
    if (rootOut != null) {
      JsonNode root = keep.api().get("/api/v1/trust/root", keep.token());
      KeyFiles.write(rootOut, root.path("publicKey").asText().getBytes(StandardCharsets.UTF_8));
    }
    JsonNode payload = JSON.readTree(Base64.getDecoder().decode(envelope.path("payload").asText()));
    var w = trust.spec.commandLine().getOut();
    if (keep.json) {
      Output.json(w, Map.of("file", out.toString(), "keys", payload.path("keys").size(),
          "signedBy", envelope.path("signatures").get(0).path("keyid").asText()));
    } else {
      w.println("Wrote " + out + ": " + payload.path("keys").size() + " key(s), signed by root of trust "
          + envelope.path("signatures").get(0).path("keyid").asText());
    }
    return 0;
  }
}
