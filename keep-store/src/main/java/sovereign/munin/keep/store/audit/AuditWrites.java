package sovereign.munin.keep.store.audit;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The audit log's hot statements, written against the handle directly: SqlObject proxies rebuild their
 * configuration on every attach, which costs more than the insert itself at thousands of events per second.
 */
public final class AuditWrites {

  private static final String INSERT_EVENT = """
      INSERT INTO audit_event (event_id, created_at, actor, action, project, outcome, leaf_hash, entry)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private AuditWrites() {}

  public static void insertEvent(Handle h, NewAuditEvent e) {
    insertEvents(h, List.of(e));
  }

  public static void insertEvents(Handle h, List<NewAuditEvent> events) {
    PreparedBatch b = h.prepareBatch(INSERT_EVENT);
    for (NewAuditEvent e : events) {
      b.bind(0, e.eventId()).bind(1, e.createdAt()).bind(2, e.actor()).bind(3, e.action()).bind(4, e.project())
          .bind(5, e.outcome()).bind(6, e.leafHash()).bind(7, e.entry()).add();
    }
    b.execute();
  }

  /** Events not yet integrated, oldest first. */
  public static List<PendingLeaf> pending(Handle h, int limit) {
    return h.createQuery("SELECT seq, leaf_hash FROM audit_event WHERE leaf_index IS NULL ORDER BY seq LIMIT ?")
        .bind(0, limit).map((rs, ctx) -> new PendingLeaf(rs.getLong(1), rs.getBytes(2))).list();
  }

  /** The size of the newest checkpoint, 0 when there is none. */
  public static long latestSize(Handle h) {
    return h.createQuery("SELECT MAX(tree_size) FROM audit_checkpoint").map((rs, ctx) -> rs.getLong(1)).one();
  }

  public static void insertHashes(Handle h, long firstIndex, List<byte[]> hashes) {
    PreparedBatch b = h.prepareBatch("INSERT INTO audit_hash (idx, hash) VALUES (?, ?)");
    for (int i = 0; i < hashes.size(); i++) {
      b.bind(0, firstIndex + i).bind(1, hashes.get(i)).add();
    }
    b.execute();
  }

  /** Gives the events consecutive leaf indexes from {@code firstLeaf}; each count is 0 if the event was taken. */
  public static int[] assignLeaves(Handle h, List<Long> seqs, long firstLeaf) {
    PreparedBatch b = h.prepareBatch("UPDATE audit_event SET leaf_index = ? WHERE seq = ? AND leaf_index IS NULL");
    for (int i = 0; i < seqs.size(); i++) {
      b.bind(0, firstLeaf + i).bind(1, seqs.get(i)).add();
    }
    return b.execute();
  }

  public static void insertCheckpoint(Handle h, CheckpointRow row) {
    h.createUpdate("INSERT INTO audit_checkpoint (tree_size, root, note, created_at) VALUES (?, ?, ?, ?)")
        .bind(0, row.treeSize()).bind(1, row.root()).bind(2, row.note()).bind(3, row.createdAt()).execute();
  }
}
