package sovereign.munin.keep.store.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Pending imports of outside key material (BYOK), one per key name. */
@RegisterConstructorMapper(KeyImportRow.class)
public interface KeyImportDao {

  String COLUMNS = "name, key_id, project, purpose, key_type, public_key, public_key_id, rotation_days, publish_days, "
      + "overlap_days, requested_by, requested_at";

  @SqlUpdate("INSERT INTO managed_key_import (" + COLUMNS + ") VALUES (:name, :keyId, :project, :purpose, :keyType, "
      + ":publicKey, :publicKeyId, :rotationDays, :publishDays, :overlapDays, :requestedBy, :requestedAt)")
  void insert(@BindMethods KeyImportRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM managed_key_import WHERE name = :name")
  Optional<KeyImportRow> find(@Bind("name") String name);

  @SqlQuery("SELECT " + COLUMNS + " FROM managed_key_import ORDER BY requested_at, name")
  List<KeyImportRow> list();

  /** Removes the request if it is still the one with {@code keyId}; 1 when it was. */
  @SqlUpdate("DELETE FROM managed_key_import WHERE name = :name AND key_id = :keyId")
  int delete(@Bind("name") String name, @Bind("keyId") String keyId);
}
