package sovereign.munin.keep.app.audit;

import org.jdbi.v3.core.Handle;

/**
 * Where use cases record what they did. The guarantee: the event is written in the caller's state transaction, so
 * it commits exactly when the change does and rolls back with it.
 */
public interface AuditSink {

  /** Records {@code event} inside the open state-database transaction {@code tx}. */
  void record(Handle tx, AuditEvent event);
}
