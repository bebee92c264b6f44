package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.InclusionProof;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifiedCheckpoint;

/** {@code keep audit proof}: fetch an inclusion proof and check it here, against the signed checkpoint. */
@Command(name = "proof", mixinStandardHelpOptions = true,
    header = "Prove that one event is in the log, verified here against the signed checkpoint.",
    description = {"Fetch the proof that one event is in the log, and verify it locally: the entry's hash, the",
        "proof against the checkpoint root, and the checkpoint's Ed25519 and ML-DSA-65 signatures."})
final class AuditProofCommand implements Callable<Integer> {

  static final class Which {
    @Option(names = "--index", paramLabel = "N", description = "Leaf index of the event.") Long index;
    @Option(names = "--hash", paramLabel = "HEX", description = "SHA-256 leaf hash of the event's entry.") String hash;
  }

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;
  @ArgGroup(exclusive = true, multiplicity = "1") Which which;

  @Option(names = "--size", paramLabel = "N", description = "Prove against the checkpoint of this size (default: latest).")
  Long size;

  @Option(names = "--key", paramLabel = "VKEY", arity = "1..*", description = "The log's verifier keys to trust: "
      + "vkeys, or @FILE with one per line (default: those pinned at init in the data directory).")
  List<String> keys;

  @Option(names = "--trust-server-keys", description = "Trust the keys the server reports when none are pinned "
      + "(a history rewritten with new keys would pass).")
  boolean trustServerKeys;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    TrustedLogKeys trusted = TrustedLogKeys.resolve(keys, keep.dataDirectory(), trustServerKeys, "the server",
        "--trust-server-keys");
    String q = which.index != null ? "index=" + which.index : "hash=" + which.hash;
    JsonNode p = keep.api().get("/api/v1/audit/proof?" + q + (size == null ? "" : "&size=" + size), keep.token());
    try {
      VerifiedCheckpoint cp = ServedLog.fetch(keep, trusted).open(p.path("checkpoint").asText());
      Hash leaf = Hash.ofLeaf(p.path("entry").asText().getBytes(StandardCharsets.UTF_8));
      InclusionProof proof = InclusionProof.of(p.path("leafIndex").asLong(), cp.size(), ServedLog.hashes(p));
      proof.verify(leaf, cp.root());
    } catch (LogException | IllegalArgumentException e) {
      throw KeepException.badInput("proof-invalid", "the proof does NOT verify: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (keep.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("verified", true);
      m.put("leafIndex", p.path("leafIndex").asLong());
      m.put("treeSize", p.path("treeSize").asLong());
      m.put("leafHash", p.path("leafHash").asText());
      m.put("entry", p.path("entry").asText());
      m.put("hashes", p.path("hashes"));
      m.put("checkpoint", p.path("checkpoint").asText());
      m.put("keysTrusted", trusted.source());
      Output.json(out, m);
      return 0;
    }
    out.println("Event " + p.path("leafIndex").asLong() + " is in the log of size " + p.path("treeSize").asLong()
        + " (proof of " + p.path("hashes").size() + " hashes verified against the signed checkpoint).");
    out.println("Entry: " + p.path("entry").asText());
    out.println(trusted.describe());
    return 0;
  }
}
