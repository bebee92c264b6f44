package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import sovereign.munin.keep.store.audit.AuditEventRow;

/**
 * A recorded audit event: its place in the log ({@code leafIndex} null until integrated), the indexed fields, the
 * entry (leaf) hash and the canonical entry itself.
 */
public record EventView(long seq, String eventId, Long leafIndex, long createdAt, String actor, String action,
    String project, String outcome, byte[] leafHash, byte[] entry) {

  static EventView of(AuditEventRow r) {
    return new EventView(r.seq(), r.eventId(), r.leafIndex(), r.createdAt(), r.actor(), r.action(), r.project(),
        r.outcome(), r.leafHash(), r.entry());
  }

  /** The canonical entry as text. */
  public String entryText() {
    return new String(entry, StandardCharsets.UTF_8);
  }
}
