package sovereign.munin.keep.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The single seal configuration row in the key store. */
@RegisterConstructorMapper(SealConfigRow.class)
public interface SealConfigDao {

  @SqlUpdate("""
      INSERT INTO seal_config (id, kind, instance_id, shares, threshold, key_check, created_at)
      VALUES (1, :kind, :instanceId, :shares, :threshold, :keyCheck, :createdAt)
      """)
  void insert(@BindMethods SealConfigRow row);

  @SqlQuery("""
      SELECT kind, instance_id, shares, threshold, key_check, created_at FROM seal_config WHERE id = 1
      """)
  Optional<SealConfigRow> find();
}
