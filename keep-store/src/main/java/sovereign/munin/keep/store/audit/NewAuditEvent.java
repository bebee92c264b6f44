package sovereign.munin.keep.store.audit;

import java.util.Objects;

/** An audit event to insert: the searchable columns and its canonical leaf entry. */
public record NewAuditEvent(String eventId, long createdAt, String actor, String action, String project,
    String outcome, byte[] leafHash, byte[] entry) {

  public NewAuditEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(entry, "entry");
  }
}
