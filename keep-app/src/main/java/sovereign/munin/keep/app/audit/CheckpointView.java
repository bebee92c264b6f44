package sovereign.munin.keep.app.audit;

import sovereign.munin.keep.store.audit.CheckpointRow;

/** A signed checkpoint of the audit log: the tree size, its root hash, the signed note, when it was made. */
public record CheckpointView(long treeSize, byte[] root, String note, long createdAt) {

  static CheckpointView of(CheckpointRow r) {
    return new CheckpointView(r.treeSize(), r.root(), r.note(), r.createdAt());
  }
}
