package sovereign.munin.keep.store.keys;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Key-store rows holding each managed key version's wrapped data key and sealed private material. */
public interface KeyMaterialDao {

  /** One version's protected material; both byte fields are null once destroyed. */
  record MaterialRow(String keyId, int version, byte[] wrappedDataKey, byte[] sealedPrivate, long createdAt,
      Long destroyedAt) {}

  @SqlUpdate("""
      INSERT INTO managed_key_material (key_id, version, wrapped_data_key, sealed_private, created_at)
      VALUES (:keyId, :version, :wrapped, :sealed, :at)
      """)
  void insert(@Bind("keyId") String keyId, @Bind("version") int version, @Bind("wrapped") byte[] wrappedDataKey,
      @Bind("sealed") byte[] sealedPrivate, @Bind("at") long at);

  @SqlQuery("""
      SELECT key_id, version, wrapped_data_key, sealed_private, created_at, destroyed_at
      FROM managed_key_material WHERE key_id = :keyId AND version = :version
      """)
  @RegisterConstructorMapper(MaterialRow.class)
  Optional<MaterialRow> find(@Bind("keyId") String keyId, @Bind("version") int version);

  /** Wipes every version of a key that still holds material; returns how many were wiped. */
  @SqlUpdate("""
      UPDATE managed_key_material SET wrapped_data_key = NULL, sealed_private = NULL, destroyed_at = :at
      WHERE key_id = :keyId AND destroyed_at IS NULL
      """)
  int destroyAll(@Bind("keyId") String keyId, @Bind("at") long at);

  /** Wipes one version's material; returns 0 when it was already wiped. */
  @SqlUpdate("""
      UPDATE managed_key_material SET wrapped_data_key = NULL, sealed_private = NULL, destroyed_at = :at
      WHERE key_id = :keyId AND version = :version AND destroyed_at IS NULL
      """)
  int destroyVersion(@Bind("keyId") String keyId, @Bind("version") int version, @Bind("at") long at);

  /** Removes material whose metadata never committed (a create or rotate that failed half-way). */
  @SqlUpdate("DELETE FROM managed_key_material WHERE key_id = :keyId AND version = :version")
  int delete(@Bind("keyId") String keyId, @Bind("version") int version);
}
