package sovereign.munin.keep.store.audit;

import java.util.Objects;

/**
 * An audit event to insert: the searchable columns, its canonical leaf entry and the server's MAC over the entry
 * (null when written while sealed).
 */
public record NewAuditEvent(String eventId, long createdAt, String actor, String action, String project,
    String outcome, byte[] leafHash, byte[] entry, byte[] mac) {

  public NewAuditEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(entry, "entry");
  }
}
