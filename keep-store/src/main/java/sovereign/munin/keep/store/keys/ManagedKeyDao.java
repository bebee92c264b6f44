package sovereign.munin.keep.store.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** State-database rows of managed keys, their versions and the signatures they made. */
@RegisterConstructorMapper(ManagedKeyRow.class)
@RegisterConstructorMapper(KeyVersionRow.class)
@RegisterConstructorMapper(ManagedKeyDao.SettledSignature.class)
@RegisterConstructorMapper(DestructionRequestRow.class)
public interface ManagedKeyDao {

  /** A signature of a compromised version known to predate the compromise, and when this instance made it. */
  record SettledSignature(String signatureHash, long signedAt) {}

  String KEY_COLUMNS = "id, name, project, purpose, key_type, status, rotation_days, publish_days, overlap_days, "
      + "created_at";
  String VERSION_COLUMNS = "key_id, version, state, public_key, public_key_id, created_at, activated_at, "
      + "overlap_until, retired_at, archived_at, destroyed_at, compromised_at, compromise_reason, use_count";

  @SqlUpdate("INSERT INTO managed_key (" + KEY_COLUMNS + ") VALUES (:id, :name, :project, :purpose, :keyType, "
      + ":status, :rotationDays, :publishDays, :overlapDays, :createdAt)")
  void insertKey(@BindMethods ManagedKeyRow row);

  @SqlQuery("SELECT " + KEY_COLUMNS + " FROM managed_key WHERE name = :name")
  Optional<ManagedKeyRow> findKey(@Bind("name") String name);

  @SqlQuery("SELECT " + KEY_COLUMNS + " FROM managed_key WHERE id = :id")
  Optional<ManagedKeyRow> findKeyById(@Bind("id") String id);

  /** Who asked to destroy the key, and when; empty when nobody has. */
  @SqlQuery("SELECT requested_by, requested_at FROM managed_key_destruction WHERE key_id = :keyId")
  Optional<DestructionRequestRow> destructionRequest(@Bind("keyId") String keyId);

  @SqlUpdate("DELETE FROM managed_key_destruction WHERE key_id = :keyId")
  int clearDestructionRequest(@Bind("keyId") String keyId);

  @SqlUpdate("INSERT INTO managed_key_destruction (key_id, requested_by, requested_at) VALUES (:keyId, :by, :at)")
  void requestDestruction(@Bind("keyId") String keyId, @Bind("by") String by, @Bind("at") long at);

  /** The lowest version that still decrypts; empty when the owner closed none. */
  @SqlQuery("SELECT min_version FROM managed_key_decryption_floor WHERE key_id = :keyId")
  Optional<Integer> decryptionFloor(@Bind("keyId") String keyId);

  @SqlUpdate("DELETE FROM managed_key_decryption_floor WHERE key_id = :keyId")
  int clearDecryptionFloor(@Bind("keyId") String keyId);

  @SqlUpdate("INSERT INTO managed_key_decryption_floor (key_id, min_version) VALUES (:keyId, :version)")
  void setDecryptionFloor(@Bind("keyId") String keyId, @Bind("version") int version);

  @SqlQuery("SELECT " + KEY_COLUMNS + " FROM managed_key ORDER BY name")
  List<ManagedKeyRow> keys();

  @SqlUpdate("UPDATE managed_key SET status = :status WHERE id = :id")
  int setStatus(@Bind("id") String id, @Bind("status") String status);

  @SqlUpdate("INSERT INTO managed_key_version (" + VERSION_COLUMNS + ") VALUES (:keyId, :version, :state, "
      + ":publicKey, :publicKeyId, :createdAt, :activatedAt, :overlapUntil, :retiredAt, :archivedAt, :destroyedAt, "
      + ":compromisedAt, :compromiseReason, :useCount)")
  void insertVersion(@BindMethods KeyVersionRow row);

  /** Writes a version's state and lifecycle times; the public half and the count are not touched. */
  @SqlUpdate("UPDATE managed_key_version SET state = :state, activated_at = :activatedAt, "
      + "overlap_until = :overlapUntil, retired_at = :retiredAt, archived_at = :archivedAt, "
      + "destroyed_at = :destroyedAt, compromised_at = :compromisedAt, compromise_reason = :compromiseReason "
      + "WHERE key_id = :keyId AND version = :version")
  int updateVersion(@BindMethods KeyVersionRow row);

  @SqlQuery("SELECT " + VERSION_COLUMNS + " FROM managed_key_version WHERE key_id = :keyId ORDER BY version")
  List<KeyVersionRow> versions(@Bind("keyId") String keyId);

  @SqlUpdate("UPDATE managed_key_version SET use_count = use_count + 1 WHERE key_id = :keyId AND version = :version")
  int countUse(@Bind("keyId") String keyId, @Bind("version") int version);

  /** Appends a signature to the log of signatures made (a deterministic scheme may repeat one later). */
  @SqlUpdate("INSERT INTO managed_key_signature_log (key_id, version, signed_at, signature_hash) "
      + "VALUES (:keyId, :version, :at, :hash) ON CONFLICT DO NOTHING")
  void insertSignature(@Bind("hash") String signatureHash, @Bind("keyId") String keyId, @Bind("version") int version,
      @Bind("at") long signedAt);

  /** Forgets which signatures of a version were known to predate its compromise; see {@link #settleBefore}. */
  @SqlUpdate("DELETE FROM managed_key_signature WHERE key_id = :keyId AND version = :version")
  int forgetSettled(@Bind("keyId") String keyId, @Bind("version") int version);

  /**
   * On compromise: copies the version's signatures made before {@code before} from the log into the table looked
   * up by hash, each with the earliest time it was made. Run {@link #forgetSettled} first when the time changes.
   */
  @SqlUpdate("INSERT INTO managed_key_signature (signature_hash, key_id, version, signed_at) "
      + "SELECT signature_hash, key_id, version, MIN(signed_at) FROM managed_key_signature_log "
      + "WHERE key_id = :keyId AND version = :version AND signed_at < :before "
      + "GROUP BY signature_hash, key_id, version ON CONFLICT (signature_hash) DO NOTHING")
  int settleBefore(@Bind("keyId") String keyId, @Bind("version") int version, @Bind("before") long before);

  /**
   * When this instance made the signature with this hash, if it did so with a compromised version before the
   * compromise time ({@link #settleBefore}); empty otherwise.
   */
  @SqlQuery("SELECT signed_at FROM managed_key_signature WHERE signature_hash = :hash AND key_id = :keyId "
      + "AND version = :version")
  Optional<Long> signedAt(@Bind("hash") String signatureHash, @Bind("keyId") String keyId,
      @Bind("version") int version);

  /** Every signature of a version known to predate its compromise ({@link #settleBefore}), for backups. */
  @SqlQuery("SELECT signature_hash, signed_at FROM managed_key_signature WHERE key_id = :keyId "
      + "AND version = :version ORDER BY signature_hash")
  List<SettledSignature> settled(@Bind("keyId") String keyId, @Bind("version") int version);

  /** Records, on restore, a signature that the backed-up instance knew to predate the version's compromise. */
  @SqlUpdate("INSERT INTO managed_key_signature (signature_hash, key_id, version, signed_at) "
      + "VALUES (:hash, :keyId, :version, :at) ON CONFLICT (signature_hash) DO NOTHING")
  void insertSettled(@Bind("hash") String signatureHash, @Bind("keyId") String keyId, @Bind("version") int version,
      @Bind("at") long signedAt);

  /** Hashes of the signatures this instance made with one version before a time, for offline verifiers. */
  @SqlQuery("SELECT signature_hash FROM managed_key_signature WHERE key_id = :keyId AND version = :version "
      + "AND signed_at < :before ORDER BY signature_hash")
  java.util.List<String> signaturesBefore(@Bind("keyId") String keyId, @Bind("version") int version,
      @Bind("before") long before);
}
