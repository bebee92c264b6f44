package sovereign.munin.keep.app.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.CompactRange;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.TreeAppend;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditWrites;
import sovereign.munin.keep.store.audit.CheckpointRow;
import sovereign.munin.keep.store.audit.PendingLeaf;

/**
 * Integrates pending audit events into the Merkle tree in batches and signs a checkpoint after each batch, all in
 * one transaction. On PostgreSQL a transaction-scoped advisory lock lets exactly one node integrate at a time; if
 * that node dies its lock goes with its session and any other node continues.
 */
public final class Sequencer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final long ADVISORY_LOCK = 0x6b656570_61756469L; // "keepaudi"
  private static final long GATHER_MILLIS = 100;

  /** What one integration round did. */
  public record Round(long fromSize, long toSize) {
    public int integrated() {
      return (int) (toSize - fromSize);
    }
  }

  private final Database state;
  private final Database keys;
  private final SealState seal;
  private final String instanceId;
  private final Clock clock;
  private final int maxBatch;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private volatile boolean running;
  private Thread thread;
  private List<NoteSigner> signers;
  private long signersEpoch = -1;
  private CompactRange range;
  private volatile java.util.function.Consumer<Round> listener = r -> { };

  public Sequencer(Database state, Database keys, SealState seal, String instanceId, Clock clock, int maxBatch) {
    this.state = state;
    this.keys = keys;
    this.seal = seal;
    this.instanceId = instanceId;
    this.clock = clock;
    this.maxBatch = maxBatch;
  }

  /** Called after each committed round that integrated events (metrics, benchmarks). */
  public void onCheckpoint(java.util.function.Consumer<Round> listener) {
    this.listener = java.util.Objects.requireNonNull(listener);
  }

  /** Wakes the background loop: an event was recorded. */
  public void signal() {
    if (lock.tryLock()) {
      try {
        work.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Starts integrating in the background until {@link #close()}. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("keep-audit-sequencer").daemon(true).start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        if (seal.isSealed()) {
          dropSigners();
        }
        Round r = seal.isSealed() ? new Round(0, 0) : integrateOnce();
        if (r.integrated() > 0) {
          // Each checkpoint costs an Ed25519 and an ML-DSA-65 signature; gathering events for a moment keeps that
          // cost per batch rather than per event, well within the time-to-checkpoint budget.
          if (r.integrated() < maxBatch) {
            Thread.sleep(GATHER_MILLIS);
          }
          continue;
        }
      } catch (RuntimeException e) {
        LOG.warn("audit integration failed; retrying: {}", e.getMessage());
        range = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      lock.lock();
      try {
        work.await(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Integrates up to one batch of pending events now; needs the instance unsealed. The tree is computed and the
   * checkpoint signed before the write transaction, which then commits only if the tree did not move meanwhile.
   */
  public synchronized Round integrateOnce() {
    List<NoteSigner> s = signers();
    try {
      Prepared p = state.read(h -> prepare(h, s));
      if (p == null) {
        return new Round(0, 0);
      }
      Round r = state.transaction(h -> commit(h, p));
      if (r.integrated() > 0) {
        range = p.range();
        listener.accept(r);
      } else {
        range = null;
      }
      return r;
    } catch (RuntimeException e) {
      range = null;
      throw e;
    }
  }

  /** Integrates until nothing is pending (bounded by {@code maxRounds}). */
  public long integrateAll(int maxRounds) {
    long total = 0;
    for (int i = 0; i < maxRounds; i++) {
      int n = integrateOnce().integrated();
      if (n == 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** A batch computed and signed, ready to commit if the tree is still at {@code size}. */
  private record Prepared(long size, List<Long> seqs, TreeAppend append, String note, CompactRange range) {}

  private Prepared prepare(Handle h, List<NoteSigner> s) {
    long size = AuditWrites.latestSize(h);
    List<PendingLeaf> pending = AuditWrites.pending(h, maxBatch);
    if (pending.isEmpty()) {
      return null;
    }
    try {
      CompactRange working = rangeAt(h, size);
      List<Hash> leaves = new ArrayList<>(pending.size());
      List<Long> seqs = new ArrayList<>(pending.size());
      for (PendingLeaf e : pending) {
        leaves.add(new Hash(e.leafHash()));
        seqs.add(e.seq());
      }
      TreeAppend append = working.appendAll(leaves);
      Checkpoint cp = new Checkpoint(LogKeys.origin(instanceId), append.toSize(), append.root());
      Note note = Note.sign(cp.text(), s);
      return new Prepared(size, seqs, append, new String(note.encode(), java.nio.charset.StandardCharsets.UTF_8),
          working);
    } catch (LogException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "sequencer-failed", "audit integration failed: "
          + e.getMessage(), e);
    }
  }

  private Round commit(Handle h, Prepared p) {
    if (state.url().kind() == DatabaseUrl.Kind.POSTGRESQL
        && !h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", ADVISORY_LOCK).mapTo(Boolean.class).one()) {
      return new Round(p.size(), p.size());
    }
    if (AuditWrites.latestSize(h) != p.size()) {
      return new Round(p.size(), p.size()); // another sequencer moved the tree; recompute next round
    }
    List<byte[]> hashBytes = new ArrayList<>(p.append().hashes().size());
    p.append().hashes().forEach(x -> hashBytes.add(x.bytes()));
    AuditWrites.insertHashes(h, p.append().firstStoredIndex(), hashBytes);
    for (int u : AuditWrites.assignLeaves(h, p.seqs(), p.size())) {
      if (u != 1) {
        throw new KeepException(KeepException.Kind.CONFLICT, "sequencer-race", "another sequencer integrated "
            + "the same events; this round is rolled back");
      }
    }
    AuditWrites.insertCheckpoint(h, new CheckpointRow(p.append().toSize(), p.append().root().bytes(), p.note(),
        clock.millis()));
    return new Round(p.size(), p.append().toSize());
  }

  private CompactRange rangeAt(Handle h, long size) throws LogException {
    if (range != null && range.size() == size) {
      return CompactRange.of(size, range.frontier());
    }
    return new MerkleTree(new DbHashReader(h)).compactRange(size);
  }

  private synchronized void dropSigners() {
    signers = null;
  }

  private List<NoteSigner> signers() {
    long epoch = seal.epoch();
    if (signers == null || signersEpoch != epoch) {
      signers = seal.withRootKey(root -> LogKeys.signers(instanceId, root, keys));
      signersEpoch = epoch;
    }
    return signers;
  }

  /** The newest checkpoint, if any batch was integrated. */
  public Optional<CheckpointView> latest() {
    return state.read(h -> h.attach(AuditCheckpointDao.class).latest()).map(CheckpointView::of);
  }

  @Override
  public void close() {
    running = false;
    signal();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    signers = null;
  }
}
