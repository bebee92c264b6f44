package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.AppendOnlyCheck;
import sovereign.munin.keep.log.ConsistencyProof;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifiedCheckpoint;

/** {@code keep audit consistency}: prove the log only grew between two checkpoints, checked here. */
@Command(name = "consistency", mixinStandardHelpOptions = true,
    header = "Prove that the log only grew between two checkpoints, verified here.",
    description = {"Fetch the proof that the log at one checkpoint size is a prefix of a later one, and verify",
        "locally: both checkpoints' signatures and the RFC 9162 consistency proof between their roots."})
final class AuditConsistencyCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "N", description = "The older checkpoint's tree size.")
  long from;

  @Option(names = "--to", paramLabel = "N", description = "The newer checkpoint's tree size (default: latest).")
  Long to;

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
    JsonNode older = keep.api().get("/api/v1/audit/checkpoint?size=" + from, keep.token());
    JsonNode newer = keep.api().get("/api/v1/audit/checkpoint" + (to == null ? "" : "?size=" + to), keep.token());
    JsonNode p = keep.api().get("/api/v1/audit/consistency?from=" + from + "&to="
        + newer.path("treeSize").asLong(), keep.token());
    try {
      ServedLog log = ServedLog.fetch(keep, trusted);
      VerifiedCheckpoint a = log.open(older.path("note").asText());
      VerifiedCheckpoint b = log.open(newer.path("note").asText());
      AppendOnlyCheck.verify(a, b, a.size() == b.size() ? null
          : ConsistencyProof.of(a.size(), b.size(), ServedLog.hashes(p)));
    } catch (LogException | IllegalArgumentException e) {
      throw KeepException.badInput("proof-invalid", "the log is NOT proven consistent: " + e.getMessage());
    }
    if (keep.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("verified", true);
      m.put("oldSize", from);
      m.put("newSize", newer.path("treeSize").asLong());
      m.put("hashes", p.path("hashes"));
      m.put("keysTrusted", trusted.source());
      Output.json(spec.commandLine().getOut(), m);
    } else {
      spec.commandLine().getOut().println("The log of size " + newer.path("treeSize").asLong() + " extends the log of size "
          + from + " (consistency proof of " + p.path("hashes").size() + " hashes verified; both checkpoints signed).");
      spec.commandLine().getOut().println(trusted.describe());
    }
    return 0;
  }
}
