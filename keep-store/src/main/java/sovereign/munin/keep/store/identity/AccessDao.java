package sovereign.munin.keep.store.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Access requests and the grants they produce. */
@RegisterConstructorMapper(AccessRequestRow.class)
@RegisterConstructorMapper(AccessGrantRow.class)
public interface AccessDao {

  String REQUEST = """
      id, requester, project_id, role, reason, duration_ms, created_at, expires_at, status, owner_approver,
      owner_at, security_approver, security_at, denied_by, denied_reason, denied_at""";
  String GRANT = """
      id, user_id, project_id, role, from_at, until_at, approved_by_owner, approved_by_security,
      last_reviewed_at""";

  @SqlUpdate("INSERT INTO access_request (" + REQUEST + """
      ) VALUES (:id, :requester, :projectId, :role, :reason, :durationMs, :createdAt, :expiresAt, :status,
      :ownerApprover, :ownerAt, :securityApprover, :securityAt, :deniedBy, :deniedReason, :deniedAt)""")
  void insertRequest(@BindMethods AccessRequestRow row);

  /**
   * Stores a decision only if nobody decided in between ({@code expectedApprovals} is the number of approvals
   * read before); 0 rows means a concurrent decision won and the caller must refuse.
   */
  @SqlUpdate("""
      UPDATE access_request SET status = :status, owner_approver = :ownerApprover, owner_at = :ownerAt,
        security_approver = :securityApprover, security_at = :securityAt, denied_by = :deniedBy,
        denied_reason = :deniedReason, denied_at = :deniedAt
      WHERE id = :id AND status = 'PENDING'
        AND (CASE WHEN owner_approver IS NULL THEN 0 ELSE 1 END)
          + (CASE WHEN security_approver IS NULL THEN 0 ELSE 1 END) = :expectedApprovals""")
  int decide(@BindMethods AccessRequestRow row, @Bind("expectedApprovals") int expectedApprovals);

  @SqlQuery("SELECT " + REQUEST + " FROM access_request WHERE id = :id")
  Optional<AccessRequestRow> findRequest(@Bind("id") String id);

  @SqlQuery("SELECT " + REQUEST + " FROM access_request ORDER BY created_at DESC, id LIMIT :limit")
  List<AccessRequestRow> requests(@Bind("limit") int limit);

  @SqlUpdate("INSERT INTO access_grant (" + GRANT + """
      ) VALUES (:id, :userId, :projectId, :role, :fromAt, :untilAt, :approvedByOwner, :approvedBySecurity,
      :lastReviewedAt)""")
  void insertGrant(@BindMethods AccessGrantRow row);

  @SqlQuery("SELECT " + GRANT + " FROM access_grant WHERE user_id = :userId AND from_at <= :now AND until_at > :now")
  List<AccessGrantRow> activeGrants(@Bind("userId") String userId, @Bind("now") long now);

  /** The next time after {@code now} at which one of the user's grants starts or ends; null if none will. */
  @SqlQuery("""
      SELECT MIN(CASE WHEN from_at > :now THEN from_at ELSE until_at END) FROM access_grant
      WHERE user_id = :userId AND until_at > :now""")
  Long nextGrantChange(@Bind("userId") String userId, @Bind("now") long now);

  @SqlQuery("SELECT " + GRANT + " FROM access_grant WHERE until_at > :now ORDER BY project_id, user_id")
  List<AccessGrantRow> allActive(@Bind("now") long now);

  @SqlUpdate("UPDATE access_grant SET until_at = :at WHERE id = :id AND until_at > :at")
  int end(@Bind("id") String id, @Bind("at") long at);

  @SqlUpdate("UPDATE access_grant SET last_reviewed_at = :at WHERE id = :id")
  int recertify(@Bind("id") String id, @Bind("at") long at);

  /** Erasure: the free text of every request by {@code requester}, and of the denials of those requests. */
  @SqlUpdate("UPDATE access_request SET reason = '[erased]', denied_reason = CASE WHEN denied_reason IS NULL THEN "
      + "NULL ELSE '[erased]' END WHERE requester = :requester")
  int eraseText(@Bind("requester") String requester);
}
