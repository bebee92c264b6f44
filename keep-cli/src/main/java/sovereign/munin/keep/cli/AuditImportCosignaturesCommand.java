package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep audit import-cosignatures DIR}: attach witnesses' cosignatures brought back on removable media. */
@Command(name = "import-cosignatures", mixinStandardHelpOptions = true,
    header = "Attach witnesses' cosignatures from an export to the log.",
    description = {"Import every DIR/cosignatures/*.cosig written by 'keep witness cosign' and attach the",
        "cosignatures that verify with registered witness keys to the matching checkpoint."})
final class AuditImportCosignaturesCommand implements Callable<Integer> {

  private static final int MAX_FILES = 256;
  private static final long MAX_BYTES = 1024 * 1024;

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR") Path dir;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    Path folder = dir.resolve("cosignatures");
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw KeepException.badInput("no-cosignatures", folder + " does not exist: nothing to import");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".cosig"))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_FILES + 1L).toList();
    } catch (IOException e) {
      throw KeepException.badInput("no-cosignatures", "cannot list " + folder + ": " + e.getMessage());
    }
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw KeepException.badInput("no-cosignatures", files.isEmpty() ? "no .cosig files in " + folder
          : "more than " + MAX_FILES + " .cosig files in " + folder);
    }
    List<JsonNode> results = new ArrayList<>();
    for (Path f : files) {
      try {
        if (Files.size(f) > MAX_BYTES) {
          throw KeepException.badInput("bad-cosignature", f + " is larger than 1 MiB");
        }
        results.add(keep.api().post("/api/v1/audit/cosignatures", Map.of("note", Files.readString(f)), keep.token()));
      } catch (IOException e) {
        throw KeepException.badInput("bad-cosignature", "cannot read " + f + ": " + e.getMessage());
      }
    }
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), results);
    } else {
      for (JsonNode r : results) {
        spec.commandLine().getOut().println("checkpoint " + r.path("treeSize").asLong() + ": cosigned by "
            + r.path("cosigners") + (r.path("final").asBoolean() ? " (final)" : " (not final yet)"));
      }
    }
    return 0;
  }
}
