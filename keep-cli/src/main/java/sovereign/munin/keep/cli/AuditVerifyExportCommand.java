package sovereign.munin.keep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.export.ExportProblem;
import sovereign.munin.keep.log.export.ExportReport;
import sovereign.munin.keep.log.export.TlogExportVerifier;

/** {@code keep audit verify-export}: check an exported audit log with nothing but its files and the log's keys. */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
    header = "Verify an exported log offline, with no server or database.",
    description = {"Verify an exported audit log (a C2SP tlog-tiles directory) with no server",
        "and no database: the checkpoint's signatures, every entry bundle and tile",
        "recomputed from the entries, and the root. With --since, also prove that the",
        "log only grew since an older checkpoint; a fork or a shrunk log is refused.",
        "Files the checkpoint does not commit to, such as cosignatures/, are ignored."},
    footer = {"", "Exit status 0 if the export verifies, 1 with one line per problem if not.", "",
        "Example:", "  keep audit verify-export /media/usb/audit --key @audit.vkeys \\",
        "      --since old-export/checkpoint"})
final class AuditVerifyExportCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The export directory.")
  Path directory;

  @Option(names = "--key", paramLabel = "VKEY", required = true, arity = "1..*",
      description = "The log's verifier keys, or @FILE with one per line; every key given must have signed.")
  List<String> keys;

  @Option(names = "--since", paramLabel = "CHECKPOINT",
      description = "A checkpoint file from an earlier export that this export must extend.")
  Path since;

  @Option(names = "--origin", paramLabel = "ORIGIN", description = "Require this log origin (default: any).")
  String origin;

  @Override
  public Integer call() {
    List<VerifierKey> logKeys = VkeyArguments.parse(keys, "--key");
    if (logKeys.isEmpty()) {
      throw KeepException.badInput("vkey-missing", "--key: no verifier key given");
    }
    Optional<byte[]> older = Optional.ofNullable(since)
        .map(file -> VkeyArguments.read(file, 1 << 20, "--since"));
    boolean json = audit.keep.json;
    PrintWriter err = spec.commandLine().getErr();
    ExportReport report;
    try (ProgressLine progress = ProgressLine.of(err, "checked", 0, json)) {
      TlogExportVerifier verifier = new TlogExportVerifier(NoteVerifier.requiringAll(logKeys),
          Optional.ofNullable(origin), TlogExportVerifier.Limits.DEFAULT);
      report = verifier.verify(directory, older, progress);
    } catch (LogException e) {
      throw LogRefusals.of(e, since == null ? "older checkpoint" : since.toString(), directory + "/checkpoint");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Output.json(out, toJson(report));
    } else if (report.ok()) {
      print(out, report);
    }
    if (!report.ok()) {
      for (ExportProblem problem : report.problems()) {
        err.println("keep: " + problem);
      }
      err.println("keep: export " + directory + " does NOT verify: " + report.problems().size() + " problem(s)");
      err.flush();
      return 1;
    }
    return 0;
  }

  private static void print(PrintWriter out, ExportReport report) {
    out.println("Export " + report.directory() + " verifies.");
    out.println("  origin:     " + report.origin());
    out.println("  tree size:  " + report.treeSize());
    out.println("  root:       " + report.root().toBase64());
    for (VerifierKey key : report.verifiedKeys()) {
      out.println("  signed by:  " + key);
    }
    out.println("  checked:    " + report.entriesChecked() + " entries, " + report.tilesChecked() + " tiles");
    report.extended().ifPresent(older -> out.println("  extends:    size " + older.size() + ", root "
        + older.root().toBase64()));
    out.flush();
  }

  static Map<String, Object> toJson(ExportReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", report.ok());
    m.put("directory", report.directory().toString());
    m.put("origin", report.origin());
    m.put("treeSize", report.treeSize());
    m.put("root", report.root().toBase64());
    m.put("verifiedKeys", report.verifiedKeys().stream().map(VerifierKey::vkey).toList());
    m.put("entriesChecked", report.entriesChecked());
    m.put("tilesChecked", report.tilesChecked());
    m.put("extends", report.extended().map(older -> Map.of("treeSize", older.size(),
        "root", older.root().toBase64())).orElse(null));
    m.put("problems", report.problems().stream().map(AuditVerifyExportCommand::problem).toList());
    return m;
  }

  static Map<String, Object> problem(ExportProblem problem) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", problem.path());
    m.put("leafIndex", problem.leafIndex().isPresent() ? problem.leafIndex().getAsLong() : null);
    m.put("message", problem.message());
    return m;
  }
}
