package sovereign.munin.keep.store.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Access review rounds and their items. */
@RegisterConstructorMapper(ReviewRow.class)
@RegisterConstructorMapper(ReviewItemRow.class)
public interface ReviewDao {

  @SqlUpdate("INSERT INTO access_review (id, started_at, deadline) VALUES (:id, :startedAt, :deadline)")
  void insert(@BindMethods ReviewRow row);

  @SqlUpdate("""
      INSERT INTO access_review_item (review_id, grant_id, holder, project_id, role, decided_by, outcome, decided_at)
      VALUES (:reviewId, :grantId, :holder, :projectId, :role, :decidedBy, :outcome, :decidedAt)""")
  void insertItem(@BindMethods ReviewItemRow row);

  @SqlQuery("SELECT id, started_at, deadline FROM access_review ORDER BY started_at DESC LIMIT 1")
  Optional<ReviewRow> latest();

  @SqlQuery("SELECT id, started_at, deadline FROM access_review WHERE id = :id")
  Optional<ReviewRow> find(@Bind("id") String id);

  /** Rounds that may still matter: open ones and those that closed after {@code since}. */
  @SqlQuery("SELECT id, started_at, deadline FROM access_review WHERE deadline > :since ORDER BY started_at")
  List<ReviewRow> since(@Bind("since") long since);

  @SqlQuery("""
      SELECT review_id, grant_id, holder, project_id, role, decided_by, outcome, decided_at
      FROM access_review_item WHERE review_id = :reviewId ORDER BY grant_id""")
  List<ReviewItemRow> items(@Bind("reviewId") String reviewId);

  @SqlUpdate("""
      UPDATE access_review_item SET decided_by = :by, outcome = :outcome, decided_at = :at
      WHERE review_id = :reviewId AND grant_id = :grantId AND decided_by IS NULL""")
  int decide(@Bind("reviewId") String reviewId, @Bind("grantId") String grantId, @Bind("by") String by,
      @Bind("outcome") String outcome, @Bind("at") long at);
}
