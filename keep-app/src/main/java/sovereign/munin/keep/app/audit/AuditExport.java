package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.HashStorageException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.export.ExportSummary;
import sovereign.munin.keep.log.export.TlogExportWriter;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;
import sovereign.munin.keep.store.audit.CheckpointRow;

/** Writes the log at its latest checkpoint as a C2SP tlog-tiles directory, for removable media. */
public final class AuditExport {

  private final Database state;

  public AuditExport(Database state) {
    this.state = state;
  }

  /** Exports to {@code target} (absent or empty); {@code progress} hears the number of entries written. */
  public ExportSummary export(Path target, LongConsumer progress) {
    CheckpointRow cp = state.read(h -> h.attach(AuditCheckpointDao.class).latest()).orElseThrow(() ->
        new KeepException(KeepException.Kind.NOT_FOUND, "no-checkpoint", "the audit log has no checkpoint yet"));
    // One read handle for the whole export: a consistent snapshot of the tree and its entries.
    return state.read(h -> {
      AuditEventDao events = h.attach(AuditEventDao.class);
      TlogExportWriter writer = new TlogExportWriter(new DbHashReader(h), (from, count) -> {
        List<AuditEventRow> rows = events.leaves(from, from + count);
        if (rows.size() != count) {
          throw new HashStorageException("events " + from + ".." + (from + count - 1) + " are not all stored");
        }
        List<byte[]> out = new ArrayList<>(count);
        rows.forEach(r -> out.add(r.entry()));
        return out;
      });
      try {
        return writer.write(target, cp.note().getBytes(StandardCharsets.UTF_8), progress);
      } catch (LogException e) {
        throw KeepException.badInput("export-failed", "export failed: " + e.getMessage());
      }
    });
  }
}
