package sovereign.munin.keep.store.identity;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Browser sessions, looked up by the hash of the cookie value. */
@RegisterConstructorMapper(SessionRow.class)
public interface SessionDao {

  @SqlUpdate("""
      INSERT INTO keep_session (id_hash, user_id, csrf_token, created_at, last_seen_at, mfa_at, ended_at)
      VALUES (:idHash, :userId, :csrfToken, :createdAt, :lastSeenAt, :mfaAt, :endedAt)""")
  void insert(@BindMethods SessionRow row);

  @SqlQuery("""
      SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, mfa_at, ended_at
      FROM keep_session WHERE id_hash = :idHash""")
  Optional<SessionRow> find(@Bind("idHash") String idHash);

  @SqlUpdate("UPDATE keep_session SET last_seen_at = :at WHERE id_hash = :idHash AND ended_at IS NULL")
  int touch(@Bind("idHash") String idHash, @Bind("at") long at);

  @SqlUpdate("UPDATE keep_session SET mfa_at = :at WHERE id_hash = :idHash AND ended_at IS NULL")
  int markMfa(@Bind("idHash") String idHash, @Bind("at") long at);

  @SqlUpdate("UPDATE keep_session SET ended_at = :at WHERE id_hash = :idHash AND ended_at IS NULL")
  int end(@Bind("idHash") String idHash, @Bind("at") long at);

  @SqlUpdate("UPDATE keep_session SET ended_at = :at WHERE user_id = :userId AND ended_at IS NULL")
  int endAll(@Bind("userId") String userId, @Bind("at") long at);
}
