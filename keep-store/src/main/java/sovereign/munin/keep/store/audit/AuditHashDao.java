package sovereign.munin.keep.store.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The Merkle tree's stored hashes, by stored index. */
public interface AuditHashDao {

  @SqlBatch("INSERT INTO audit_hash (idx, hash) VALUES (:idx, :hash)")
  void insertAll(@Bind("idx") List<Long> indexes, @Bind("hash") List<byte[]> hashes);

  /** Rows (idx, hash) for the given indexes, in any order. */
  @SqlQuery("SELECT idx, hash FROM audit_hash WHERE idx IN (<idx>)")
  @org.jdbi.v3.sqlobject.config.RegisterRowMapper(StoredHashMapper.class)
  List<StoredHash> find(@BindList("idx") List<Long> indexes);

  /** Rows with index in [from, to), in index order. */
  @SqlQuery("SELECT idx, hash FROM audit_hash WHERE idx >= :from AND idx < :to ORDER BY idx")
  @org.jdbi.v3.sqlobject.config.RegisterRowMapper(StoredHashMapper.class)
  List<StoredHash> range(@Bind("from") long from, @Bind("to") long to);

  @SqlQuery("SELECT COUNT(*) FROM audit_hash")
  long count();
}
