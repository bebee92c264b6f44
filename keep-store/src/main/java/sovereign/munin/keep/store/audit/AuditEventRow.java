package sovereign.munin.keep.store.audit;

import java.util.Objects;

/** One stored audit event: searchable columns, and the canonical leaf entry; leafIndex is null until integrated. */
public record AuditEventRow(long seq, String eventId, Long leafIndex, long createdAt, String actor, String action,
    String project, String outcome, byte[] leafHash, byte[] entry) {

  public AuditEventRow {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(entry, "entry");
  }
}
