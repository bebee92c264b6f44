package sovereign.munin.keep.store.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Backup custodians' enrolled public keys and their approvals. */
@RegisterConstructorMapper(CustodianRow.class)
public interface CustodianDao {

  String COLUMNS = "key_id, user_id, public_key, enrolled_at, approvals, state";

  @SqlUpdate("INSERT INTO backup_custodian (" + COLUMNS + ") VALUES (:keyId, :userId, :publicKey, :enrolledAt, "
      + ":approvals, :state)")
  void insert(@BindMethods CustodianRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM backup_custodian WHERE key_id = :keyId")
  Optional<CustodianRow> find(@Bind("keyId") String keyId);

  @SqlQuery("SELECT " + COLUMNS + " FROM backup_custodian ORDER BY enrolled_at, key_id")
  List<CustodianRow> list();

  /** Records one more approval, only if nobody changed the row meanwhile; 1 when it did. */
  @SqlUpdate("UPDATE backup_custodian SET approvals = :approvals, state = :state WHERE key_id = :keyId "
      + "AND approvals = :before")
  int approve(@Bind("keyId") String keyId, @Bind("before") String before, @Bind("approvals") String approvals,
      @Bind("state") String state);

  @SqlUpdate("UPDATE backup_custodian SET state = 'removed' WHERE key_id = :keyId AND state <> 'removed'")
  int remove(@Bind("keyId") String keyId);
}
