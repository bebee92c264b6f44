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
  private final EventMacs macs;
  private final IntegrityAlarms alarms;
  private final AuditHead head;
  private final java.security.SecureRandom rng = new java.security.SecureRandom();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private volatile boolean running;
  private Thread thread;
  private List<NoteSigner> signers;
  private long signersEpoch = -1;
  private CompactRange range;
  private List<AuditHead.Head> signedHeads = List.of();
  private volatile java.util.function.Consumer<Round> listener = r -> { };

  public Sequencer(Database state, Database keys, SealState seal, String instanceId, Clock clock, int maxBatch,
      EventMacs macs, IntegrityAlarms alarms, AuditHead head) {
    this.state = state;
    this.keys = keys;
    this.seal = seal;
    this.instanceId = instanceId;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.macs = macs;
    this.alarms = alarms;
    this.head = head;
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
        Round r = seal.isSealed() || alarms.signingStopped() ? new Round(0, 0) : integrateOnce();
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
    if (alarms.signingStopped()) {
      throw stopped();
    }
    List<NoteSigner> s = signers();
    try {
      Prepared p = state.read(h -> prepare(h, s));
      if (p == null) {
        return new Round(0, 0);
      }
      Round r = state.transaction(h -> commit(h, p));
      if (r == null) {
        range = null; // another node moved the tree: recompute (and check) next round
        return new Round(p.size(), p.size());
      }
      for (Rejected x : p.rejected()) {
        alarms.note("forged-event", "pending event " + x.event().eventId() + " (seq " + x.event().seq() + ") was "
            + "set aside, not signed: " + x.reason());
      }
      if (p.append() != null) {
        head.advance(p.append().toSize(), p.append().root().bytes(), p.note(), clock.millis());
        range = p.range();
        listener.accept(r);
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

  /** A pending event the sequencer refuses to sign, and why. */
  private record Rejected(PendingLeaf event, String reason) {}

  /** An event written while sealed, replaced by the server's authenticated wrapper of it. */
  private record Wrapped(long seq, byte[] entry, byte[] leafHash, byte[] mac) {}

  /**
   * A batch computed and signed, ready to commit if the tree is still at {@code size}; {@code append} is null when
   * every pending event was refused.
   */
  private record Prepared(long size, List<Long> seqs, TreeAppend append, String note, CompactRange range,
      List<Rejected> rejected, List<Wrapped> wrapped) {}

  private Prepared prepare(Handle h, List<NoteSigner> s) {
    // The head is read before the log: a head that another node advances from here on is at most the size read
    // next, so a concurrent checkpoint is never taken for a rollback.
    signedHeads = head.both();
    long size = AuditWrites.latestSize(h);
    List<PendingLeaf> pending = AuditWrites.pending(h, maxBatch);
    if (pending.isEmpty()) {
      return null;
    }
    try {
      CompactRange working = rangeAt(h, size);
      List<Hash> leaves = new ArrayList<>(pending.size());
      List<Long> seqs = new ArrayList<>(pending.size());
      List<Rejected> rejected = new ArrayList<>();
      List<Wrapped> wrapped = new ArrayList<>();
      for (PendingLeaf e : pending) {
        // The leaf hash is computed here from the entry, never taken from the stored column.
        Hash computed = Hash.ofLeaf(e.entry());
        if (e.mac() == null) {
          byte[] wrapper = wrapperOf(e);
          if (wrapper == null) {
            rejected.add(new Rejected(e, "written while sealed and too large to wrap"));
            continue;
          }
          Hash wh = Hash.ofLeaf(wrapper);
          wrapped.add(new Wrapped(e.seq(), wrapper, wh.bytes(), macs.mac(wrapper)));
          leaves.add(wh);
        } else if (!java.util.Arrays.equals(computed.bytes(), e.leafHash())) {
          rejected.add(new Rejected(e, "its stored leaf hash is not the hash of its entry"));
          continue;
        } else if (!macs.matches(e.entry(), e.mac())) {
          rejected.add(new Rejected(e, "its MAC does not match: this server did not write it"));
          continue;
        } else {
          leaves.add(computed);
        }
        seqs.add(e.seq());
      }
      if (leaves.isEmpty()) {
        return new Prepared(size, seqs, null, null, working, rejected, wrapped);
      }
      TreeAppend append = working.appendAll(leaves);
      Checkpoint cp = new Checkpoint(LogKeys.origin(instanceId), append.toSize(), append.root());
      Note note = Note.sign(cp.text(), s);
      return new Prepared(size, seqs, append, new String(note.encode(), java.nio.charset.StandardCharsets.UTF_8),
          working, rejected, wrapped);
    } catch (LogException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "sequencer-failed", "audit integration failed: "
          + e.getMessage(), e);
    }
  }

  /** Commits the batch; null when another sequencer holds the lock or moved the tree meanwhile. */
  private Round commit(Handle h, Prepared p) {
    if (state.url().kind() == DatabaseUrl.Kind.POSTGRESQL
        && !h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", ADVISORY_LOCK).mapTo(Boolean.class).one()) {
      return null;
    }
    if (AuditWrites.latestSize(h) != p.size()) {
      return null; // another sequencer moved the tree; recompute next round
    }
    long now = clock.millis();
    for (Rejected x : p.rejected()) {
      if (AuditWrites.reject(h, x.event(), x.reason(), now) == 1) {
        AuditEvent alarm = AuditEvent.failure("system", "audit.integrity-alarm", "audit", java.util.Map.of(
            "kind", "forged-event", "eventId", x.event().eventId(), "reason", x.reason()));
        String id = EventIds.next(now, rng);
        byte[] entry = AuditLog.leaf(id, now, alarm, java.util.Map.of());
        AuditWrites.insertEvent(h, new sovereign.munin.keep.store.audit.NewAuditEvent(id, now, alarm.actor(),
            alarm.action(), null, alarm.outcome(), Hash.ofLeaf(entry).bytes(), entry, macs.mac(entry)));
      }
    }
    for (Wrapped w : p.wrapped()) {
      if (AuditWrites.rewrap(h, w.seq(), "system", "audit.unauthenticated", "success", w.leafHash(), w.entry(),
          w.mac()) != 1) {
        throw new KeepException(KeepException.Kind.CONFLICT, "sequencer-race", "an event written while sealed "
            + "changed during this round; it is rolled back");
      }
    }
    if (p.append() == null) {
      return new Round(p.size(), p.size());
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
    CompactRange fresh = new MerkleTree(new DbHashReader(h)).compactRange(size);
    check(h, size, fresh);
    return fresh;
  }

  /**
   * Checks the part of the tree the next checkpoint builds on, whenever it is read from the database (at start and
   * after another node or an error moved it): the right edge must give the newest checkpoint's root, and the tree
   * must contain the head this instance signed, with the same root. Otherwise signing stops with an alarm.
   */
  private void check(Handle h, long size, CompactRange fresh) throws LogException {
    Hash root = fresh.root();
    if (size > 0) {
      var cp = h.attach(AuditCheckpointDao.class).bySize(size).orElseThrow();
      if (!java.util.Arrays.equals(cp.root(), root.bytes())) {
        alarms.stop("tree-mismatch", "the stored tree hashes give another root at size " + size + " than the "
            + "checkpoint signed for that size: a stored hash or the checkpoint was changed");
        throw stopped();
      }
    }
    for (AuditHead.Head hd : signedHeads) {
      if (hd.size() > size) {
        alarms.stop("rollback", "the log holds " + size + " events, but this instance signed a checkpoint of size "
            + hd.size() + " (kept in " + hd.where() + "): the state database was rolled back");
        throw stopped();
      }
      Hash atHead = hd.size() == size ? root : new MerkleTree(new DbHashReader(h)).rootHash(hd.size());
      if (!java.util.Arrays.equals(atHead.bytes(), hd.root())) {
        alarms.stop("fork", "the log's root at size " + hd.size() + " is not the one this instance signed (kept "
            + "in " + hd.where() + "): the history or that copy of the head was rewritten");
        throw stopped();
      }
    }
  }

  private KeepException stopped() {
    return new KeepException(KeepException.Kind.UNAVAILABLE, "audit-integrity-alarm", "the audit log failed its "
        + "integrity check; nothing more is signed until the cause is found ('keep status' lists the alarms)");
  }

  /** The server's wrapper of an event written while sealed: the original entry, marked as not authenticated. */
  private static byte[] wrapperOf(PendingLeaf e) {
    AuditEvent w = AuditEvent.success("system", "audit.unauthenticated", "audit", java.util.Map.of(
        "recordedWhileSealed", true, "original", new String(e.entry(), java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return AuditLog.leaf(e.eventId(), e.createdAt(), w, java.util.Map.of());
    } catch (KeepException tooLarge) {
      return null;
    }
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
