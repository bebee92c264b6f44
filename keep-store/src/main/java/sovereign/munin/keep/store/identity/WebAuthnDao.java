package sovereign.munin.keep.store.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** WebAuthn user handles and registered credentials. */
@RegisterConstructorMapper(WebAuthnCredentialRow.class)
public interface WebAuthnDao {

  String COLUMNS = """
      id, user_id, credential_id, attested_data, sign_count, transports, label, created_at, last_used_at""";

  @SqlQuery("SELECT handle FROM webauthn_user WHERE user_id = :userId")
  Optional<String> handleOf(@Bind("userId") String userId);

  @SqlUpdate("INSERT INTO webauthn_user (user_id, handle) VALUES (:userId, :handle)")
  void insertHandle(@Bind("userId") String userId, @Bind("handle") String handle);

  @SqlUpdate("INSERT INTO webauthn_credential (" + COLUMNS + """
      ) VALUES (:id, :userId, :credentialId, :attestedData, :signCount, :transports, :label, :createdAt,
      :lastUsedAt)""")
  void insert(@BindMethods WebAuthnCredentialRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM webauthn_credential WHERE user_id = :userId ORDER BY created_at, id")
  List<WebAuthnCredentialRow> listOf(@Bind("userId") String userId);

  @SqlQuery("SELECT count(*) FROM webauthn_credential WHERE user_id = :userId")
  int countOf(@Bind("userId") String userId);

  @SqlQuery("SELECT " + COLUMNS + " FROM webauthn_credential WHERE credential_id = :credentialId")
  Optional<WebAuthnCredentialRow> findByCredentialId(@Bind("credentialId") String credentialId);

  /** Records a use; 0 rows when the counter moved meanwhile, so two racing uses of one assertion cannot both pass. */
  @SqlUpdate("""
      UPDATE webauthn_credential SET sign_count = :next, last_used_at = :at
      WHERE id = :id AND sign_count = :previous""")
  int recordUse(@Bind("id") String id, @Bind("previous") long previous, @Bind("next") long next,
      @Bind("at") long at);

  @SqlUpdate("DELETE FROM webauthn_credential WHERE id = :id AND user_id = :userId")
  int delete(@Bind("userId") String userId, @Bind("id") String id);

  @SqlUpdate("DELETE FROM webauthn_credential WHERE user_id = :userId")
  int deleteAllOf(@Bind("userId") String userId);
}
