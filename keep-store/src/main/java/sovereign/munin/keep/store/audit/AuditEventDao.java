package sovereign.munin.keep.store.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Audit events: inserted by use cases, integrated in arrival order by the sequencer, searched by auditors. */
@RegisterRowMapper(AuditEventRowMapper.class)
public interface AuditEventDao {

  String COLUMNS = "seq, event_id, leaf_index, created_at, actor, action, project, outcome, leaf_hash, entry";

  @SqlUpdate("""
      INSERT INTO audit_event (event_id, created_at, actor, action, project, outcome, leaf_hash, entry)
      VALUES (:eventId, :createdAt, :actor, :action, :project, :outcome, :leafHash, :entry)
      """)
  void insert(@BindMethods NewAuditEvent event);

  @SqlBatch("""
      INSERT INTO audit_event (event_id, created_at, actor, action, project, outcome, leaf_hash, entry)
      VALUES (:eventId, :createdAt, :actor, :action, :project, :outcome, :leafHash, :entry)
      """)
  void insertAll(@BindMethods List<NewAuditEvent> events);

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_index IS NULL ORDER BY seq LIMIT :limit")
  List<AuditEventRow> pending(@Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM audit_event WHERE leaf_index IS NULL")
  long pendingCount();

  @SqlBatch("UPDATE audit_event SET leaf_index = :leaf WHERE seq = :seq AND leaf_index IS NULL")
  int[] assignLeaves(@Bind("seq") List<Long> seqs, @Bind("leaf") List<Long> leaves);

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_index = :leaf")
  Optional<AuditEventRow> byLeaf(@Bind("leaf") long leafIndex);

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_hash = :hash AND leaf_index IS NOT NULL"
      + " ORDER BY leaf_index LIMIT 1")
  Optional<AuditEventRow> byLeafHash(@Bind("hash") byte[] leafHash);

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE event_id = :id")
  Optional<AuditEventRow> byEventId(@Bind("id") String eventId);

  /** Integrated events with leaf index in [from, to), in leaf order. */
  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_index >= :from AND leaf_index < :to"
      + " ORDER BY leaf_index")
  List<AuditEventRow> leaves(@Bind("from") long from, @Bind("to") long to);

  /** Integrated events after a leaf index, in leaf order, for streaming. */
  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_index IS NOT NULL AND leaf_index > :after"
      + " ORDER BY leaf_index LIMIT :limit")
  List<AuditEventRow> leavesAfter(@Bind("after") long after, @Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM audit_event WHERE leaf_index IS NOT NULL")
  long integratedCount();

  /** Search for auditors; each filter is optional (null), times in epoch milliseconds, newest first. */
  @SqlQuery("SELECT " + COLUMNS + " FROM audit_event WHERE leaf_index IS NOT NULL"
      + " AND (CAST(:actor AS TEXT) IS NULL OR actor = :actor)"
      + " AND (CAST(:action AS TEXT) IS NULL OR action = :action)"
      + " AND (CAST(:project AS TEXT) IS NULL OR project = :project)"
      + " AND created_at >= :since AND created_at < :until"
      + " ORDER BY leaf_index DESC LIMIT :limit")
  List<AuditEventRow> search(@Bind("actor") String actor, @Bind("action") String action,
      @Bind("project") String project, @Bind("since") long since, @Bind("until") long until,
      @Bind("limit") int limit);
}
