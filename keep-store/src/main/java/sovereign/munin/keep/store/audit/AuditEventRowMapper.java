package sovereign.munin.keep.store.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps audit_event rows by position, without reflection: verification reads every event. */
public final class AuditEventRowMapper implements RowMapper<AuditEventRow> {
  @Override
  public AuditEventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    long leaf = rs.getLong(3);
    Long leafIndex = rs.wasNull() ? null : leaf;
    String project = rs.getString(7);
    return new AuditEventRow(rs.getLong(1), rs.getString(2), leafIndex, rs.getLong(4), rs.getString(5),
        rs.getString(6), project, rs.getString(8), rs.getBytes(9), rs.getBytes(10));
  }
}
