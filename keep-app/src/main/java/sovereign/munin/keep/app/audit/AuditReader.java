package sovereign.munin.keep.app.audit;

import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.ConsistencyProof;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.HashStorageException;
import sovereign.munin.keep.log.InclusionProof;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;

/** Answers auditors: the latest checkpoint, proofs against it, and event search. Reads only, no key material. */
public final class AuditReader {

  /** An inclusion proof with the event it proves and the checkpoint it proves against. */
  public record Inclusion(EventView event, InclusionProof proof, CheckpointView checkpoint) {}

  /** Search filters; null means any. Times in epoch milliseconds. */
  public record Query(String actor, String action, String project, long since, long until, int limit) {
    public Query {
      if (limit < 1 || limit > 1000) {
        throw KeepException.badInput("bad-limit", "limit must be between 1 and 1000");
      }
    }
  }

  private final Database state;

  public AuditReader(Database state) {
    this.state = state;
  }

  public Optional<CheckpointView> latest() {
    return state.read(h -> h.attach(AuditCheckpointDao.class).latest()).map(CheckpointView::of);
  }

  public Optional<CheckpointView> bySize(long size) {
    return state.read(h -> h.attach(AuditCheckpointDao.class).bySize(size)).map(CheckpointView::of);
  }

  private CheckpointView checkpoint(Long size) {
    Optional<CheckpointView> cp = size == null ? latest() : bySize(size);
    return cp.orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND, "no-checkpoint", size == null
        ? "the audit log has no checkpoint yet" : "there is no checkpoint of size " + size));
  }

  /** Proof that leaf {@code index} is in the checkpoint of {@code treeSize} (latest when null). */
  public Inclusion inclusion(long index, Long treeSize) {
    CheckpointView cp = checkpoint(treeSize);
    if (index < 0 || index >= cp.treeSize()) {
      throw KeepException.badInput("index-out-of-range", "leaf index " + index + " is not in the tree of size "
          + cp.treeSize());
    }
    return state.read(h -> {
      AuditEventRow event = h.attach(AuditEventDao.class).byLeaf(index).orElseThrow(() -> new KeepException(
          KeepException.Kind.NOT_FOUND, "event-missing", "no stored event has leaf index " + index));
      try {
        InclusionProof proof = new MerkleTree(new DbHashReader(h)).inclusionProof(index, cp.treeSize());
        return new Inclusion(EventView.of(event), proof, cp);
      } catch (HashStorageException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "tree-damaged", e.getMessage(), e);
      }
    });
  }

  /** Proof for the event whose leaf (entry) hash is {@code hex}. */
  public Inclusion inclusionByHash(String hex, Long treeSize) {
    Hash hash;
    try {
      hash = Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-hash", "not a 32-byte hex hash: " + hex);
    }
    AuditEventRow row = state.read(h -> h.attach(AuditEventDao.class).byLeafHash(hash.bytes())).orElseThrow(
        () -> new KeepException(KeepException.Kind.NOT_FOUND, "event-missing", "no integrated event has entry hash "
            + hex));
    return inclusion(row.leafIndex(), treeSize);
  }

  /** Proof that the tree of {@code oldSize} is a prefix of the tree of {@code newSize} (latest when null). */
  public ConsistencyProof consistency(long oldSize, Long newSize) {
    CheckpointView cp = checkpoint(newSize);
    if (oldSize < 1 || oldSize > cp.treeSize()) {
      throw KeepException.badInput("bad-size", "no consistency proof from size " + oldSize + " to " + cp.treeSize());
    }
    return state.read(h -> {
      try {
        return new MerkleTree(new DbHashReader(h)).consistencyProof(oldSize, cp.treeSize());
      } catch (HashStorageException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "tree-damaged", e.getMessage(), e);
      }
    });
  }

  public List<EventView> search(Query q) {
    return state.read(h -> h.attach(AuditEventDao.class).search(q.actor(), q.action(), q.project(), q.since(),
        q.until(), q.limit())).stream().map(EventView::of).toList();
  }
}
