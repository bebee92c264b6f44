package sovereign.munin.keep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.export.ExportProblem;
import sovereign.munin.keep.log.witness.CosignResult;
import sovereign.munin.keep.log.witness.Witness;
import sovereign.munin.keep.log.witness.WitnessException;

/** {@code keep witness cosign}: verify an exported audit log and, if it only grew, cosign its checkpoint. */
@Command(name = "cosign", mixinStandardHelpOptions = true,
    header = "Verify an export, check that the log only grew, and cosign its checkpoint.",
    description = {"Verify an exported audit log with the log's pinned keys and check that it",
        "extends the checkpoint this witness last cosigned for that log; then write",
        "DIR/cosignatures/<witness name>.cosig: the checkpoint text followed by this",
        "witness's Ed25519 and ML-DSA-65 cosignature lines. The first cosign for a log",
        "pins its keys (--log-key); later runs may omit them. A fork, a shrunk log, a",
        "bad signature or a damaged export is refused, and nothing changes."},
    footer = {"", "Example:", "  keep witness cosign /media/usb/audit --witness /srv/witness \\",
        "      --log-key @audit.vkeys",
        "  then, on the log's side: keep audit import-cosignatures /media/usb/audit"})
final class WitnessCosignCommand implements Callable<Integer> {

  @ParentCommand WitnessCommand witness;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The export directory.")
  Path directory;

  @Option(names = "--witness", paramLabel = "WDIR", required = true, description = "The witness directory.")
  Path witnessDir;

  @Option(names = "--log-key", paramLabel = "VKEY", arity = "1..*",
      description = "The log's verifier keys, or @FILE; needed on the first cosign for a log, checked after.")
  List<String> logKeys;

  @Override
  public Integer call() {
    List<VerifierKey> keys = VkeyArguments.parse(logKeys, "--log-key");
    boolean json = witness.keep.json;
    PrintWriter err = spec.commandLine().getErr();
    Witness opened;
    CosignResult result;
    try (ProgressLine progress = ProgressLine.of(err, "checked", 0, json)) {
      opened = Witness.open(witnessDir, Clock.systemUTC());
      result = opened.cosign(directory, keys, progress);
    } catch (WitnessException e) {
      for (ExportProblem problem : e.problems()) {
        err.println("keep: " + problem);
      }
      throw KeepException.badInput("witness-refused", "not cosigned: " + e.getMessage());
    } catch (LogException e) {
      throw LogRefusals.of(e, "last cosigned by " + witnessDir, directory + "/checkpoint");
    }
    PrintWriter out = spec.commandLine().getOut();
    var checkpoint = result.report().checkpoint();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("witness", opened.name());
      m.put("origin", result.report().origin());
      m.put("treeSize", checkpoint.size());
      m.put("root", checkpoint.root().toBase64());
      m.put("previousTreeSize", result.previous().map(c -> (Object) c.size()).orElse(null));
      m.put("pinnedLogKeys", result.pinnedNow());
      m.put("entriesChecked", result.report().entriesChecked());
      m.put("file", result.file().toString());
      Output.json(out, m);
      return 0;
    }
    out.println("Cosigned " + result.report().origin() + " at size " + checkpoint.size() + ", root "
        + checkpoint.root().toBase64() + " (" + result.report().entriesChecked() + " entries checked).");
    out.println(result.previous().map(c -> "It extends the checkpoint of size " + c.size() + " cosigned before.")
        .orElse("First cosign for this log: its keys are now pinned in " + witnessDir + "."));
    out.println("Wrote " + result.file());
    out.flush();
    return 0;
  }
}
