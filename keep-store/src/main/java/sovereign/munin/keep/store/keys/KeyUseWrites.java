package sovereign.munin.keep.store.keys;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.store.StoreException;
import sovereign.munin.keep.store.internal.SqlStatements;

/**
 * The statements every key use writes, in plain JDBC on the handle's connection: attaching the full key DAO costs
 * more per use than the two statements themselves, and these run on SQLite's single writer thread, where each is
 * compiled once ({@link SqlStatements}).
 */
public final class KeyUseWrites {

  private KeyUseWrites() {}

  /** Counts one use of a version; same as {@link ManagedKeyDao#countUse}. */
  public static void countUse(Handle h, String keyId, int version) {
    try (SqlStatements.Use u = SqlStatements.prepare(h.getConnection(),
        "UPDATE managed_key_version SET use_count = use_count + 1 WHERE key_id = ? AND version = ?")) {
      PreparedStatement ps = u.statement();
      ps.setString(1, keyId);
      ps.setInt(2, version);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException.Unavailable("counting a key use failed: " + e.getMessage(), e);
    }
  }

  /** Appends a signature to the log of signatures made; same as {@link ManagedKeyDao#insertSignature}. */
  public static void insertSignature(Handle h, String signatureHash, String keyId, int version, long signedAt) {
    try (SqlStatements.Use u = SqlStatements.prepare(h.getConnection(), "INSERT INTO managed_key_signature_log "
        + "(key_id, version, signed_at, signature_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      PreparedStatement ps = u.statement();
      ps.setString(1, keyId);
      ps.setInt(2, version);
      ps.setLong(3, signedAt);
      ps.setString(4, signatureHash);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException.Unavailable("recording a signature failed: " + e.getMessage(), e);
    }
  }
}
