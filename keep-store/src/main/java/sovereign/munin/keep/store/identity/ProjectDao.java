package sovereign.munin.keep.store.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Projects and their standing members. */
@RegisterConstructorMapper(ProjectRow.class)
@RegisterConstructorMapper(MemberRow.class)
public interface ProjectDao {

  @SqlUpdate("INSERT INTO project (id, name, created_at) VALUES (:id, :name, :createdAt)")
  void insert(@BindMethods ProjectRow row);

  @SqlQuery("SELECT id, name, created_at FROM project WHERE name = :name")
  Optional<ProjectRow> findByName(@Bind("name") String name);

  @SqlQuery("SELECT id, name, created_at FROM project WHERE id = :id")
  Optional<ProjectRow> findById(@Bind("id") String id);

  @SqlQuery("SELECT id, name, created_at FROM project ORDER BY name")
  List<ProjectRow> list();

  @SqlUpdate("""
      INSERT INTO project_member (project_id, user_id, role, added_at)
      VALUES (:projectId, :userId, :role, :addedAt)""")
  void addMember(@BindMethods MemberRow row);

  @SqlQuery("""
      SELECT project_id, user_id, role, added_at FROM project_member WHERE project_id = :projectId
      ORDER BY user_id, role""")
  List<MemberRow> members(@Bind("projectId") String projectId);

  @SqlQuery("""
      SELECT project_id, user_id, role, added_at FROM project_member WHERE user_id = :userId
      ORDER BY project_id, role""")
  List<MemberRow> memberships(@Bind("userId") String userId);
}
