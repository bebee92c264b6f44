package sovereign.munin.keep.store.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.store.StoreException;
import sovereign.munin.keep.store.internal.SqlStatements;

/**
 * The audit log's hot statements in plain JDBC on the handle's connection: at thousands of events per second the
 * per-statement work of a mapping layer costs more than SQLite's insert itself, and on SQLite each statement is
 * compiled once per connection ({@link SqlStatements}).
 */
public final class AuditWrites {

  private static final String INSERT_EVENT = """
      INSERT INTO audit_event (event_id, created_at, actor, action, project, outcome, leaf_hash, entry, mac)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private AuditWrites() {}

  public static void insertEvent(Handle h, NewAuditEvent e) {
    insertEvents(h, List.of(e));
  }

  public static void insertEvents(Handle h, List<NewAuditEvent> events) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), INSERT_EVENT)) {
      PreparedStatement ps = u.statement();
      for (NewAuditEvent e : events) {
        ps.setString(1, e.eventId());
        ps.setLong(2, e.createdAt());
        ps.setString(3, e.actor());
        ps.setString(4, e.action());
        if (e.project() == null) {
          ps.setNull(5, Types.VARCHAR);
        } else {
          ps.setString(5, e.project());
        }
        ps.setString(6, e.outcome());
        ps.setBytes(7, e.leafHash());
        ps.setBytes(8, e.entry());
        if (e.mac() == null) {
          ps.setNull(9, Types.BINARY);
        } else {
          ps.setBytes(9, e.mac());
        }
        if (events.size() == 1) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
        }
      }
      if (events.size() > 1) {
        ps.executeBatch();
      }
    } catch (SQLException ex) {
      throw failed("recording audit events", ex);
    }
  }

  /** Events not yet integrated, oldest first. */
  public static List<PendingLeaf> pending(Handle h, int limit) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h),
        "SELECT seq, event_id, created_at, leaf_hash, entry, mac FROM audit_event WHERE leaf_index IS NULL "
            + "ORDER BY seq LIMIT ?")) {
      PreparedStatement ps = u.statement();
      ps.setInt(1, limit);
      List<PendingLeaf> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PendingLeaf(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getBytes(5),
              rs.getBytes(6)));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw failed("reading pending audit events", ex);
    }
  }

  /**
   * Moves a pending event the sequencer refused out of the log into {@code audit_event_rejected}; 1 when the event
   * was still pending and is moved.
   */
  public static int reject(Handle h, PendingLeaf e, String reason, long now) {
    try (SqlStatements.Use ins = SqlStatements.prepare(conn(h), "INSERT INTO audit_event_rejected (seq, event_id, "
        + "created_at, entry, mac, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        SqlStatements.Use personal = SqlStatements.prepare(conn(h), "DELETE FROM audit_personal WHERE event_id = ?");
        SqlStatements.Use del = SqlStatements.prepare(conn(h),
            "DELETE FROM audit_event WHERE seq = ? AND leaf_index IS NULL")) {
      del.statement().setLong(1, e.seq());
      int n = del.statement().executeUpdate();
      if (n == 1) {
        personal.statement().setString(1, e.eventId());
        personal.statement().executeUpdate();
        PreparedStatement ps = ins.statement();
        ps.setLong(1, e.seq());
        ps.setString(2, e.eventId());
        ps.setLong(3, e.createdAt());
        ps.setBytes(4, e.entry());
        ps.setBytes(5, e.mac());
        ps.setString(6, reason);
        ps.setLong(7, now);
        ps.executeUpdate();
      }
      return n;
    } catch (SQLException ex) {
      throw failed("setting a refused audit event aside", ex);
    }
  }

  /**
   * Replaces a pending event written while sealed by the server's authenticated wrapper of it; 1 when the event
   * was still pending as read.
   */
  public static int rewrap(Handle h, long seq, String actor, String action, String outcome, byte[] leafHash,
      byte[] entry, byte[] mac) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), "UPDATE audit_event SET actor = ?, action = ?, "
        + "outcome = ?, leaf_hash = ?, entry = ?, mac = ? WHERE seq = ? AND leaf_index IS NULL AND mac IS NULL")) {
      PreparedStatement ps = u.statement();
      ps.setString(1, actor);
      ps.setString(2, action);
      ps.setString(3, outcome);
      ps.setBytes(4, leafHash);
      ps.setBytes(5, entry);
      ps.setBytes(6, mac);
      ps.setLong(7, seq);
      return ps.executeUpdate();
    } catch (SQLException ex) {
      throw failed("wrapping an event written while sealed", ex);
    }
  }

  /** How many refused events are set aside. */
  public static long rejectedCount(Handle h) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), "SELECT COUNT(*) FROM audit_event_rejected");
        ResultSet rs = u.statement().executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException ex) {
      throw failed("counting refused audit events", ex);
    }
  }

  /** The size of the newest checkpoint, 0 when there is none. */
  public static long latestSize(Handle h) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), "SELECT MAX(tree_size) FROM audit_checkpoint");
         ResultSet rs = u.statement().executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException ex) {
      throw failed("reading the latest checkpoint", ex);
    }
  }

  public static void insertHashes(Handle h, long firstIndex, List<byte[]> hashes) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), "INSERT INTO audit_hash (idx, hash) VALUES (?, ?)")) {
      PreparedStatement ps = u.statement();
      for (int i = 0; i < hashes.size(); i++) {
        ps.setLong(1, firstIndex + i);
        ps.setBytes(2, hashes.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException ex) {
      throw failed("storing tree hashes", ex);
    }
  }

  /** Gives the events consecutive leaf indexes from {@code firstLeaf}; each count is 0 if the event was taken. */
  public static int[] assignLeaves(Handle h, List<Long> seqs, long firstLeaf) {
    if (isPostgres(h)) {
      return assignLeavesPostgres(h, seqs, firstLeaf);
    }
    if (!seqs.isEmpty() && seqs.getLast() - seqs.getFirst() == seqs.size() - 1) {
      return assignLeafRange(h, seqs, firstLeaf);
    }
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h),
        "UPDATE audit_event SET leaf_index = ? WHERE seq = ? AND leaf_index IS NULL")) {
      PreparedStatement ps = u.statement();
      for (int i = 0; i < seqs.size(); i++) {
        ps.setLong(1, firstLeaf + i);
        ps.setLong(2, seqs.get(i));
        ps.addBatch();
      }
      return ps.executeBatch();
    } catch (SQLException ex) {
      throw failed("assigning leaf indexes", ex);
    }
  }

  /** Consecutive arrival numbers (the usual case on SQLite's single writer) take one range UPDATE. */
  private static int[] assignLeafRange(Handle h, List<Long> seqs, long firstLeaf) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h),
        "UPDATE audit_event SET leaf_index = seq + ? WHERE seq BETWEEN ? AND ? AND leaf_index IS NULL")) {
      PreparedStatement ps = u.statement();
      ps.setLong(1, firstLeaf - seqs.getFirst());
      ps.setLong(2, seqs.getFirst());
      ps.setLong(3, seqs.getLast());
      int n = ps.executeUpdate();
      int[] counts = new int[seqs.size()];
      java.util.Arrays.fill(counts, n == seqs.size() ? 1 : 0);
      return counts;
    } catch (SQLException ex) {
      throw failed("assigning leaf indexes", ex);
    }
  }

  /** One statement for the whole round on PostgreSQL; a row count short of the batch means an event was taken. */
  private static int[] assignLeavesPostgres(Handle h, List<Long> seqs, long firstLeaf) {
    Long[] s = seqs.toArray(Long[]::new);
    Long[] leaves = new Long[s.length];
    for (int i = 0; i < s.length; i++) {
      leaves[i] = firstLeaf + i;
    }
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h), """
        UPDATE audit_event SET leaf_index = v.leaf
        FROM (SELECT unnest(?::bigint[]) AS seq, unnest(?::bigint[]) AS leaf) v
        WHERE audit_event.seq = v.seq AND audit_event.leaf_index IS NULL
        """)) {
      PreparedStatement ps = u.statement();
      ps.setArray(1, conn(h).createArrayOf("bigint", s));
      ps.setArray(2, conn(h).createArrayOf("bigint", leaves));
      int n = ps.executeUpdate();
      int[] counts = new int[s.length];
      java.util.Arrays.fill(counts, n == s.length ? 1 : 0);
      return counts;
    } catch (SQLException ex) {
      throw failed("assigning leaf indexes", ex);
    }
  }

  private static boolean isPostgres(Handle h) {
    try {
      return conn(h).getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      return false;
    }
  }

  public static void insertCheckpoint(Handle h, CheckpointRow row) {
    try (SqlStatements.Use u = SqlStatements.prepare(conn(h),
        "INSERT INTO audit_checkpoint (tree_size, root, note, created_at) VALUES (?, ?, ?, ?)")) {
      PreparedStatement ps = u.statement();
      ps.setLong(1, row.treeSize());
      ps.setBytes(2, row.root());
      ps.setString(3, row.note());
      ps.setLong(4, row.createdAt());
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw failed("storing a checkpoint", ex);
    }
  }

  private static Connection conn(Handle h) {
    return h.getConnection();
  }

  private static RuntimeException failed(String what, SQLException e) {
    String state = e.getSQLState();
    if ((state != null && state.startsWith("23")) || String.valueOf(e.getMessage()).contains("CONSTRAINT")) {
      return new StoreException.Conflict(what + " conflicted with existing data: " + e.getMessage(), e);
    }
    return new StoreException.Unavailable(what + " failed: " + e.getMessage(), e);
  }
}
