package sovereign.munin.keep.store;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Facts about this instance written at init, such as its id and mode. */
public interface InstanceMetaDao {

  @SqlUpdate("""
      INSERT INTO instance_meta (name, value) VALUES (:name, :value)
      """)
  void insert(@Bind("name") String name, @Bind("value") String value);

  @SqlQuery("""
      SELECT value FROM instance_meta WHERE name = :name
      """)
  Optional<String> find(@Bind("name") String name);

  @SqlQuery("""
      SELECT name, value FROM instance_meta
      """)
  @KeyColumn("name")
  @ValueColumn("value")
  Map<String, String> all();
}
