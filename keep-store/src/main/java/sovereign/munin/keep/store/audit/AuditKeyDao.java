package sovereign.munin.keep.store.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Key-store side of the audit log: checkpoint signing keys, subject keys for erasure, the lookup key. */
public interface AuditKeyDao {

  /** A wrapped checkpoint signing key. */
  record SigningKeyRow(String kind, String vkey, byte[] publicKey, byte[] wrappedPrivate, long createdAt) {}

  /** The newest checkpoint this instance signed, as kept outside the state database. */
  record HeadRow(long treeSize, byte[] root, String note, long updatedAt) {}

  @SqlQuery("SELECT tree_size, root, note, updated_at FROM audit_head WHERE id = 1")
  @RegisterConstructorMapper(HeadRow.class)
  Optional<HeadRow> head();

  /** Moves the head forward to {@code treeSize}; a smaller size than the one kept changes nothing. */
  @SqlUpdate("INSERT INTO audit_head (id, tree_size, root, note, updated_at) VALUES (1, :size, :root, :note, :at) "
      + "ON CONFLICT (id) DO UPDATE SET tree_size = excluded.tree_size, root = excluded.root, note = excluded.note, "
      + "updated_at = excluded.updated_at WHERE audit_head.tree_size < excluded.tree_size")
  int advanceHead(@Bind("size") long treeSize, @Bind("root") byte[] root, @Bind("note") String note,
      @Bind("at") long at);

  /** A data subject's key record; wrappedKey is null once erased. */
  record SubjectRow(String subjectId, String lookup, byte[] wrappedKey, long createdAt, Long erasedAt) {}

  @SqlUpdate("""
      INSERT INTO audit_signing_key (kind, vkey, public_key, wrapped_private, created_at)
      VALUES (:kind, :vkey, :pub, :wrapped, :at)
      """)
  void insertSigningKey(@Bind("kind") String kind, @Bind("vkey") String vkey, @Bind("pub") byte[] publicKey,
      @Bind("wrapped") byte[] wrappedPrivate, @Bind("at") long at);

  @SqlQuery("SELECT kind, vkey, public_key, wrapped_private, created_at FROM audit_signing_key ORDER BY kind")
  @RegisterConstructorMapper(SigningKeyRow.class)
  List<SigningKeyRow> signingKeys();

  @SqlUpdate("INSERT INTO audit_lookup_key (id, wrapped_key) VALUES (1, :wrapped)")
  void insertLookupKey(@Bind("wrapped") byte[] wrapped);

  @SqlQuery("SELECT wrapped_key FROM audit_lookup_key WHERE id = 1")
  Optional<byte[]> lookupKey();

  @SqlUpdate("""
      INSERT INTO audit_subject (subject_id, lookup, wrapped_key, created_at) VALUES (:id, :lookup, :wrapped, :at)
      """)
  void insertSubject(@Bind("id") String subjectId, @Bind("lookup") String lookup, @Bind("wrapped") byte[] wrapped,
      @Bind("at") long at);

  @SqlQuery("SELECT subject_id, lookup, wrapped_key, created_at, erased_at FROM audit_subject WHERE lookup = :lookup")
  @RegisterConstructorMapper(SubjectRow.class)
  Optional<SubjectRow> subjectByLookup(@Bind("lookup") String lookup);

  @SqlQuery("SELECT subject_id, lookup, wrapped_key, created_at, erased_at FROM audit_subject WHERE subject_id = :id")
  @RegisterConstructorMapper(SubjectRow.class)
  Optional<SubjectRow> subjectById(@Bind("id") String subjectId);

  @SqlUpdate("UPDATE audit_subject SET wrapped_key = NULL, erased_at = :at WHERE subject_id = :id AND erased_at IS NULL")
  int eraseSubject(@Bind("id") String subjectId, @Bind("at") long at);
}
