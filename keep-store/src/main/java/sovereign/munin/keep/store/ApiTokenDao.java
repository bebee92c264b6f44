package sovereign.munin.keep.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API tokens, looked up by the hash of the presented secret. */
@RegisterConstructorMapper(ApiTokenRow.class)
public interface ApiTokenDao {

  String COLUMNS = """
      id, token_hash, label, role, created_at, expires_at, revoked_at, user_id, scope_projects, scope_permissions,
      scope_keys, kind""";

  @SqlUpdate("INSERT INTO api_token (" + COLUMNS + """
      ) VALUES (:id, :tokenHash, :label, :role, :createdAt, :expiresAt, :revokedAt, :userId, :scopeProjects,
      :scopePermissions, :scopeKeys, :kind)""")
  void insert(@BindMethods ApiTokenRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = :hash")
  Optional<ApiTokenRow> findByHash(@Bind("hash") String hash);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, id")
  List<ApiTokenRow> list();

  @SqlQuery("SELECT " + COLUMNS + " FROM api_token WHERE user_id = :userId ORDER BY created_at, id")
  List<ApiTokenRow> listOf(@Bind("userId") String userId);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_token WHERE id = :id")
  Optional<ApiTokenRow> findById(@Bind("id") String id);

  @SqlUpdate("""
      UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL
      """)
  int revoke(@Bind("id") String id, @Bind("at") long at);

  @SqlUpdate("UPDATE api_token SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
  int revokeAllOf(@Bind("userId") String userId, @Bind("at") long at);

  /** Records a fresh second-factor check for a person's login token; machine tokens have none. */
  @SqlUpdate("UPDATE api_token SET mfa_at = :at WHERE id = :id AND kind = 'login' AND revoked_at IS NULL")
  int markMfa(@Bind("id") String id, @Bind("at") long at);

  /** When the person behind this login token last passed a second factor; empty if never. */
  @SqlQuery("SELECT mfa_at FROM api_token WHERE id = :id AND mfa_at IS NOT NULL")
  Optional<Long> mfaAt(@Bind("id") String id);
}
