package sovereign.munin.keep.store.identity;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Pending WebAuthn ceremonies; a challenge is taken by deleting its row, so it can be used once only. */
@RegisterConstructorMapper(WebAuthnChallengeRow.class)
public interface WebAuthnChallengeDao {

  @SqlUpdate("""
      INSERT INTO webauthn_challenge (id, user_id, purpose, challenge, expires_at)
      VALUES (:id, :userId, :purpose, :challenge, :expiresAt)""")
  void insert(@BindMethods WebAuthnChallengeRow row);

  @SqlQuery("SELECT id, user_id, purpose, challenge, expires_at FROM webauthn_challenge WHERE id = :id")
  Optional<WebAuthnChallengeRow> find(@Bind("id") String id);

  @SqlQuery("""
      SELECT id, user_id, purpose, challenge, expires_at FROM webauthn_challenge
      WHERE user_id = :userId AND purpose = :purpose""")
  Optional<WebAuthnChallengeRow> pending(@Bind("userId") String userId, @Bind("purpose") String purpose);

  @SqlUpdate("DELETE FROM webauthn_challenge WHERE id = :id")
  int delete(@Bind("id") String id);

  @SqlUpdate("DELETE FROM webauthn_challenge WHERE user_id = :userId AND purpose = :purpose")
  int deletePending(@Bind("userId") String userId, @Bind("purpose") String purpose);

  @SqlUpdate("DELETE FROM webauthn_challenge WHERE user_id = :userId")
  int deleteAllOf(@Bind("userId") String userId);

  @SqlUpdate("DELETE FROM webauthn_challenge WHERE expires_at <= :now")
  int deleteExpired(@Bind("now") long now);
}
