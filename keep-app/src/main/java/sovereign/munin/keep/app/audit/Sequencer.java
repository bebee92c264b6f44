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
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;
import sovereign.munin.keep.store.audit.AuditHashDao;
import sovereign.munin.keep.store.audit.CheckpointRow;

/**
 * Integrates pending audit events into the Merkle tree in batches and signs a checkpoint after each batch, all in
 * one transaction. On PostgreSQL a transaction-scoped advisory lock lets exactly one node integrate at a time; if
 * that node dies its lock goes with its session and any other node continues.
 */
public final class Sequencer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final long ADVISORY_LOCK = 0x6b656570_61756469L; // "keepaudi"

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

  public Sequencer(Database state, Database keys, SealState seal, String instanceId, Clock clock, int maxBatch) {
    this.state = state;
    this.keys = keys;
    this.seal = seal;
    this.instanceId = instanceId;
    this.clock = clock;
    this.maxBatch = maxBatch;
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
          continue;
        }
      } catch (RuntimeException e) {
        LOG.warn("audit integration failed; retrying: {}", e.getMessage());
        range = null;
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

  /** Integrates up to one batch of pending events now; needs the instance unsealed. */
  public synchronized Round integrateOnce() {
    List<NoteSigner> s = signers();
    try {
      return state.transaction(h -> integrate(h, s));
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

  private Round integrate(Handle h, List<NoteSigner> s) {
    if (state.url().kind() == DatabaseUrl.Kind.POSTGRESQL
        && !h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", ADVISORY_LOCK).mapTo(Boolean.class).one()) {
      return new Round(0, 0);
    }
    AuditCheckpointDao checkpoints = h.attach(AuditCheckpointDao.class);
    long size = checkpoints.latest().map(CheckpointRow::treeSize).orElse(0L);
    List<AuditEventRow> pending = h.attach(AuditEventDao.class).pending(maxBatch);
    if (pending.isEmpty()) {
      return new Round(size, size);
    }
    try {
      CompactRange working = rangeAt(h, size);
      List<Hash> leaves = new ArrayList<>(pending.size());
      List<Long> seqs = new ArrayList<>(pending.size());
      List<Long> indexes = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        AuditEventRow e = pending.get(i);
        leaves.add(new Hash(e.leafHash()));
        seqs.add(e.seq());
        indexes.add(size + i);
      }
      TreeAppend append = working.appendAll(leaves);
      List<Long> hashIdx = new ArrayList<>(append.hashes().size());
      List<byte[]> hashBytes = new ArrayList<>(append.hashes().size());
      for (int i = 0; i < append.hashes().size(); i++) {
        hashIdx.add(append.firstStoredIndex() + i);
        hashBytes.add(append.hashes().get(i).bytes());
      }
      h.attach(AuditHashDao.class).insertAll(hashIdx, hashBytes);
      int[] updated = h.attach(AuditEventDao.class).assignLeaves(seqs, indexes);
      for (int u : updated) {
        if (u != 1) {
          throw new KeepException(KeepException.Kind.CONFLICT, "sequencer-race", "another sequencer integrated "
              + "the same events; this round is rolled back");
        }
      }
      Checkpoint cp = new Checkpoint(LogKeys.origin(instanceId), append.toSize(), append.root());
      Note note = Note.sign(cp.text(), s);
      checkpoints.insert(new CheckpointRow(append.toSize(), append.root().bytes(),
          new String(note.encode(), java.nio.charset.StandardCharsets.UTF_8), clock.millis()));
      range = working;
      return new Round(size, append.toSize());
    } catch (LogException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "sequencer-failed", "audit integration failed: "
          + e.getMessage(), e);
    }
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
  public Optional<CheckpointRow> latest() {
    return state.read(h -> h.attach(AuditCheckpointDao.class).latest());
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
