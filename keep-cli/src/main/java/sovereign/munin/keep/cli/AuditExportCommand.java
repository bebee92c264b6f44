package sovereign.munin.keep.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.OfflineAudit;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.log.export.ExportSummary;

/** {@code keep audit export DIR}: write the log as C2SP tlog-tiles for removable media. */
@Command(name = "export", mixinStandardHelpOptions = true,
    header = "Export the log at its latest checkpoint as a C2SP tlog-tiles directory.",
    description = {"Write the audit log at its latest checkpoint to DIR as a C2SP tlog-tiles directory",
        "(checkpoint, tiles, entry bundles), for USB. DIR must not exist or be empty; it appears complete or not",
        "at all. Reads the data directory's database directly. Verify it anywhere with 'keep audit verify-export'."})
final class AuditExportCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR") Path dir;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    DataDirectory data = keep.dataDirectory();
    data.checkUsable();
    if (data.contains(dir)) {
      throw KeepException.badInput("export-inside-data", "export outside the data directory (to removable media)");
    }
    KeepConfig config = KeepConfig.load(data, System.getenv());
    try (OfflineAudit log = OfflineAudit.open(config);
         ProgressLine progress = ProgressLine.of(spec.commandLine().getErr(), "exported", 0, keep.json)) {
      ExportSummary s = log.export(dir, progress);
      if (keep.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", dir.toAbsolutePath().toString());
        m.put("treeSize", s.checkpoint().size());
        m.put("tiles", s.tiles());
        m.put("entryBundles", s.bundles());
        Output.json(spec.commandLine().getOut(), m);
      } else {
        spec.commandLine().getOut().println("Exported " + s.checkpoint().size() + " events (" + s.tiles() + " tiles, "
            + s.bundles() + " entry bundles) to " + dir.toAbsolutePath());
        spec.commandLine().getOut().println("Verify offline: keep audit verify-export " + dir + " --key @audit.vkeys");
      }
      return 0;
    }
  }
}
