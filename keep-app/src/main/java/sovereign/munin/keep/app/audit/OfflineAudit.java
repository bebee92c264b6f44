package sovereign.munin.keep.app.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.export.ExportSummary;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.StoreException;

/**
 * The audit log read straight from the state database, with no server and no unsealing: verification and export
 * for an auditor at the machine. It only reads; it never opens the key store.
 */
public final class OfflineAudit implements AutoCloseable {

  private final Database state;
  private final String origin;

  private OfflineAudit(Database state, String origin) {
    this.state = state;
    this.origin = origin;
  }

  /** Opens the state database the configuration names. */
  public static OfflineAudit open(KeepConfig config) {
    try {
      return new OfflineAudit(Database.open(config.stateDb(), Database.Schema.STATE),
          LogKeys.origin(config.instanceId()));
    } catch (StoreException e) {
      throw unusable(e);
    }
  }

  /** Verifies the whole log against {@code pinned} verifier keys, or the keys stored in the database when null. */
  public VerifyReport verify(List<VerifierKey> pinned, LongConsumer progress) {
    try {
      return new AuditVerifier(state, origin, pinned == null ? LogKeys.verifierKeys(state) : pinned)
          .verify(progress);
    } catch (StoreException e) {
      throw unusable(e);
    }
  }

  /** Writes the log as C2SP tlog-tiles under {@code target}, for verification elsewhere. */
  public ExportSummary export(Path target, LongConsumer progress) {
    try {
      return new AuditExport(state).export(target, progress);
    } catch (StoreException e) {
      throw unusable(e);
    }
  }

  @Override
  public void close() {
    state.close();
  }

  private static KeepException unusable(StoreException e) {
    return new KeepException(KeepException.Kind.UNAVAILABLE, "database-unusable", e.getMessage(), e);
  }
}
