package sovereign.munin.keep.store.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sealed personal fields of audit events, kept outside the Merkle leaves so they can be erased. */
public interface AuditPersonalDao {

  @SqlUpdate("""
      INSERT INTO audit_personal (event_id, field, subject_id, sealed) VALUES (:event, :field, :subject, :sealed)
      """)
  void insert(@Bind("event") String eventId, @Bind("field") String field, @Bind("subject") String subjectId,
      @Bind("sealed") byte[] sealed);

  @SqlQuery("SELECT sealed FROM audit_personal WHERE event_id = :event AND field = :field")
  List<byte[]> find(@Bind("event") String eventId, @Bind("field") String field);

  @SqlUpdate("DELETE FROM audit_personal WHERE subject_id = :subject")
  int deleteSubject(@Bind("subject") String subjectId);

  @SqlQuery("SELECT COUNT(*) FROM audit_personal WHERE subject_id = :subject")
  long countSubject(@Bind("subject") String subjectId);
}
