package sovereign.munin.keep.app.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditKeyDao;
import sovereign.munin.keep.store.audit.AuditPersonalDao;
import sovereign.munin.keep.store.identity.AccessDao;
import sovereign.munin.keep.store.identity.UserDao;

/**
 * GDPR erasure that keeps the log verifiable: destroys the subject's key, deletes the sealed personal fields, and
 * logs the erasure. Leaves keep their salted commitments, so every proof and checkpoint stays valid.
 */
public final class Erasure {

  /**
   * What an erasure removed: sealed audit fields, and for a user also the free text of their access requests and
   * their name; {@code scrubbed} says whether nothing recoverable remains in the databases' logs (SQLite WAL).
   */
  public record Result(String subjectId, long fieldsDeleted, long identityRowsErased, boolean scrubbed) {}

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

  /** Erases everything personal recorded about the user named {@code name} (subject {@code user:<id>}). */
  public Result eraseUser(String name, String actor) {
    var user = state.read(h -> h.attach(UserDao.class).findByName(name == null ? "" : name)).orElseThrow(() ->
        new KeepException(KeepException.Kind.NOT_FOUND, "user-not-found", "no user named '" + name + "'"));
    return erase("user:" + user.id(), actor);
  }

  /** Erases everything personal recorded about {@code subject}; {@code actor} is who asked. */
  public Result erase(String subject, String actor) {
    if (subject == null || subject.isBlank() || subject.length() > 320) {
      throw KeepException.badInput("bad-subject", "name the data subject to erase (at most 320 characters)");
    }
    String userId = subject.startsWith("user:") ? subject.substring("user:".length()) : null;
    if (userId != null) {
      var user = state.read(h -> h.attach(UserDao.class).findById(userId));
      if (user.isPresent() && user.get().disabled() == 0) {
        throw new KeepException(KeepException.Kind.CONFLICT, "user-active", "user '" + user.get().name() + "' is "
            + "still active; disable them first ('keep user disable " + user.get().name() + "'), then erase");
      }
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
    long[] counts = state.transaction(h -> {
      long n = h.attach(AuditPersonalDao.class).deleteSubject(id);
      long rows = 0;
      if (userId != null) {
        rows += h.attach(AccessDao.class).eraseText(subject);
        rows += h.attach(UserDao.class).erase(userId, "erased-" + id.substring(0, Math.min(8, id.length())));
      }
      audit.record(h, AuditEvent.success(actor, "audit.erase", "subject:" + id, Map.of("fieldsDeleted", n,
          "identityRowsErased", rows)));
      return new long[] {n, rows};
    });
    // What was deleted may still sit in the write-ahead logs: copy them in and truncate them.
    boolean scrubbed = keys.scrub(List.of("audit_subject")) & state.scrub(List.of("audit_personal", "access_request",
        "keep_user"));
    return new Result(id, counts[0], counts[1], scrubbed);
  }
}
