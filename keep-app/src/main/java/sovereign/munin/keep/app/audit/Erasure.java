package sovereign.munin.keep.app.audit;

import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditKeyDao;
import sovereign.munin.keep.store.audit.AuditPersonalDao;

/**
 * GDPR erasure that keeps the log verifiable: destroys the subject's key, deletes the sealed personal fields, and
 * logs the erasure. Leaves keep their salted commitments, so every proof and checkpoint stays valid.
 */
public final class Erasure {

  /** What an erasure removed. */
  public record Result(String subjectId, long fieldsDeleted) {}

  private final Database state;
  private final Database keys;
  private final SealState seal;
  private final AuditLog audit;
  private final java.time.Clock clock;

  public Erasure(Database state, Database keys, SealState seal, AuditLog audit, java.time.Clock clock) {
    this.state = state;
    this.keys = keys;
    this.seal = seal;
    this.audit = audit;
    this.clock = clock;
  }

  /** Erases everything personal recorded about {@code subject}; {@code actor} is who asked. */
  public Result erase(String subject, String actor) {
    if (subject == null || subject.isBlank() || subject.length() > 320) {
      throw KeepException.badInput("bad-subject", "name the data subject to erase (at most 320 characters)");
    }
    Optional<AuditKeyDao.SubjectRow> row = seal.withRootKey(root -> audit.subjects().find(root, subject));
    if (row.isEmpty()) {
      throw new KeepException(KeepException.Kind.NOT_FOUND, "subject-unknown",
          "the audit log holds no personal data about this subject");
    }
    String id = row.get().subjectId();
    if (row.get().erasedAt() != null) {
      throw new KeepException(KeepException.Kind.CONFLICT, "subject-erased", "subject " + id + " was already erased");
    }
    // Destroy the key first: from this commit on the sealed fields are unreadable even if a later step fails.
    keys.transaction(h -> h.attach(AuditKeyDao.class).eraseSubject(id, clock.millis()));
    long deleted = state.transaction(h -> {
      long n = h.attach(AuditPersonalDao.class).deleteSubject(id);
      audit.record(h, AuditEvent.success(actor, "audit.erase", "subject:" + id, Map.of("fieldsDeleted", n)));
      return n;
    });
    return new Result(id, deleted);
  }
}
