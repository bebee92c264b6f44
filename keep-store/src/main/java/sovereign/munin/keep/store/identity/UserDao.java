package sovereign.munin.keep.store.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Users, their sign-in failures and their TOTP state. */
@RegisterConstructorMapper(UserRow.class)
public interface UserDao {

  String COLUMNS = """
      id, name, role, password_hash, must_change_password, disabled, failed_logins, last_failed_at, totp_secret,
      totp_confirmed, totp_last_step, created_at""";

  @SqlUpdate("INSERT INTO keep_user (" + COLUMNS + """
      ) VALUES (:id, :name, :role, :passwordHash, :mustChangePassword, :disabled, :failedLogins, :lastFailedAt,
      :totpSecret, :totpConfirmed, :totpLastStep, :createdAt)""")
  void insert(@BindMethods UserRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM keep_user WHERE name = :name")
  Optional<UserRow> findByName(@Bind("name") String name);

  @SqlQuery("SELECT " + COLUMNS + " FROM keep_user WHERE id = :id")
  Optional<UserRow> findById(@Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " FROM keep_user ORDER BY name")
  List<UserRow> list();

  /**
   * Erasure: a disabled user's name replaced, its sign-in secrets cleared; 1 when the user was disabled and is
   * changed.
   */
  @SqlUpdate("UPDATE keep_user SET name = :name, password_hash = 'erased', totp_secret = NULL, totp_confirmed = 0 "
      + "WHERE id = :id AND disabled = 1")
  int erase(@Bind("id") String id, @Bind("name") String name);

  @SqlUpdate("UPDATE keep_user SET failed_logins = :count, last_failed_at = :at WHERE id = :id")
  int recordFailures(@Bind("id") String id, @Bind("count") int count, @Bind("at") Long at);

  @SqlUpdate("UPDATE keep_user SET password_hash = :hash, must_change_password = :mustChange WHERE id = :id")
  int setPassword(@Bind("id") String id, @Bind("hash") String hash, @Bind("mustChange") int mustChange);

  @SqlUpdate("UPDATE keep_user SET disabled = :disabled WHERE id = :id")
  int setDisabled(@Bind("id") String id, @Bind("disabled") int disabled);

  @SqlUpdate("""
      UPDATE keep_user SET totp_secret = :secret, totp_confirmed = :confirmed, totp_last_step = :step
      WHERE id = :id""")
  int setTotp(@Bind("id") String id, @Bind("secret") byte[] secret, @Bind("confirmed") int confirmed,
      @Bind("step") long step);

  /** Moves the last used TOTP step forward; 0 rows when the step was already used, which refuses a replay. */
  @SqlUpdate("UPDATE keep_user SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step")
  int useTotpStep(@Bind("id") String id, @Bind("step") long step);

  @SqlUpdate("INSERT INTO recovery_code (user_id, code_hash) VALUES (:userId, :hash)")
  void insertRecoveryCode(@Bind("userId") String userId, @Bind("hash") String hash);

  @SqlQuery("SELECT code_hash FROM recovery_code WHERE user_id = :userId ORDER BY code_hash")
  List<String> recoveryCodes(@Bind("userId") String userId);

  @SqlUpdate("DELETE FROM recovery_code WHERE user_id = :userId AND code_hash = :hash")
  int deleteRecoveryCode(@Bind("userId") String userId, @Bind("hash") String hash);

  @SqlUpdate("DELETE FROM recovery_code WHERE user_id = :userId")
  int deleteRecoveryCodes(@Bind("userId") String userId);
}
