package sovereign.munin.keep.app.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.HashReader;
import sovereign.munin.keep.log.HashStorageException;
import sovereign.munin.keep.store.audit.AuditHashDao;
import sovereign.munin.keep.store.audit.StoredHash;

/** Reads stored Merkle hashes from the state database, a few hundred per query. */
final class DbHashReader implements HashReader {

  private static final int CHUNK = 500;
  private final Handle handle;

  DbHashReader(Handle handle) {
    this.handle = handle;
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) throws HashStorageException {
    Map<Long, byte[]> found = new HashMap<>();
    AuditHashDao dao = handle.attach(AuditHashDao.class);
    for (int from = 0; from < storedIndexes.length; from += CHUNK) {
      List<Long> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(storedIndexes.length, from + CHUNK); i++) {
        chunk.add(storedIndexes[i]);
      }
      for (StoredHash h : dao.find(chunk)) {
        found.put(h.idx(), h.hash());
      }
    }
    List<Hash> out = new ArrayList<>(storedIndexes.length);
    for (long idx : storedIndexes) {
      byte[] b = found.get(idx);
      if (b == null || b.length != Hash.SIZE) {
        throw new HashStorageException(idx, "stored hash " + idx + " is missing or malformed");
      }
      out.add(new Hash(b));
    }
    return out;
  }
}
