package sovereign.munin.keep.store.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Signed checkpoints, witnesses and their cosignatures, and the log's verifier keys. */
@RegisterConstructorMapper(CheckpointRow.class)
public interface AuditCheckpointDao {

  @SqlUpdate("INSERT INTO audit_checkpoint (tree_size, root, note, created_at) VALUES (:treeSize, :root, :note, :createdAt)")
  void insert(@BindMethods CheckpointRow row);

  @SqlQuery("SELECT tree_size, root, note, created_at FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1")
  Optional<CheckpointRow> latest();

  @SqlQuery("SELECT tree_size, root, note, created_at FROM audit_checkpoint WHERE tree_size = :size")
  Optional<CheckpointRow> bySize(@Bind("size") long size);

  @SqlQuery("SELECT tree_size, root, note, created_at FROM audit_checkpoint ORDER BY tree_size")
  List<CheckpointRow> all();

  @SqlUpdate("INSERT INTO audit_log_key (vkey, kind, created_at) VALUES (:vkey, :kind, :at)")
  void insertLogKey(@Bind("vkey") String vkey, @Bind("kind") String kind, @Bind("at") long at);

  @SqlQuery("SELECT vkey FROM audit_log_key ORDER BY kind")
  List<String> logKeys();

  @SqlUpdate("INSERT INTO audit_witness (name, key_id, vkey, added_at) VALUES (:name, :keyId, :vkey, :at)")
  void insertWitness(@Bind("name") String name, @Bind("keyId") String keyId, @Bind("vkey") String vkey,
      @Bind("at") long at);

  @SqlQuery("SELECT vkey FROM audit_witness ORDER BY name, vkey")
  List<String> witnessKeys();

  @SqlUpdate("""
      INSERT INTO audit_cosignature (tree_size, witness, note, imported_at) VALUES (:size, :witness, :note, :at)
      """)
  void insertCosignature(@Bind("size") long size, @Bind("witness") String witness, @Bind("note") String note,
      @Bind("at") long at);

  @SqlQuery("SELECT witness FROM audit_cosignature WHERE tree_size = :size ORDER BY witness")
  List<String> cosigners(@Bind("size") long size);

  @SqlQuery("SELECT note FROM audit_cosignature WHERE tree_size = :size ORDER BY witness")
  List<String> cosignatures(@Bind("size") long size);
}
