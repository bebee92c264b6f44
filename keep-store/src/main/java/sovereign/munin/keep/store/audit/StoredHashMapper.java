package sovereign.munin.keep.store.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps (idx, hash) rows without reflection: this runs for every hash of a million-event verification. */
public final class StoredHashMapper implements RowMapper<StoredHash> {
  @Override
  public StoredHash map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredHash(rs.getLong(1), rs.getBytes(2));
  }
}
