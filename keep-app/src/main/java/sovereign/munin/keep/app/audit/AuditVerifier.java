package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.CompactRange;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.NodeId;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.TreeAppend;
import sovereign.munin.keep.log.VerifiedCheckpoint;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;
import sovereign.munin.keep.store.audit.AuditHashDao;
import sovereign.munin.keep.store.audit.CheckpointRow;
import sovereign.munin.keep.store.audit.StoredHash;

/**
 * Recomputes the whole tree from the stored events and compares it with every stored hash and every signed
 * checkpoint. A changed, removed, inserted or reordered event shows up as a leaf that no longer matches (or a gap),
 * named by its index; a changed stored hash alone is named by its level and index.
 */
public final class AuditVerifier {

  private static final int PAGE = 10_000;
  private static final int MAX_PROBLEMS = 200;

  private final Database state;
  private final String origin;
  private final List<VerifierKey> keys;

  /** Verifies against {@code keys} (pinned by the caller, or the log's stored vkeys). */
  public AuditVerifier(Database state, String origin, List<VerifierKey> keys) {
    this.state = state;
    this.origin = origin;
    this.keys = List.copyOf(keys);
  }

  public VerifyReport verify(LongConsumer progress) {
    long started = System.nanoTime();
    Problems problems = new Problems();
    List<CheckpointRow> checkpoints = state.read(h -> h.attach(AuditCheckpointDao.class).all());
    long treeSize = checkpoints.isEmpty() ? 0 : checkpoints.getLast().treeSize();
    NoteVerifier verifier;
    try {
      verifier = NoteVerifier.requiringAll(keys);
    } catch (LogException e) {
      problems.add("the log's verifier keys are unusable: " + e.getMessage());
      return problems.report(treeSize, 0, 0, 0, 0, started);
    }
    CompactRange range = new CompactRange();
    TreeSet<Long> badLeaves = new TreeSet<>();
    List<NodeId> badNodes = new ArrayList<>();
    long expected = 0;
    long hashesChecked = 0;
    int cpIndex = 0;
    long after = -1;
    List<Hash> batch = new ArrayList<>();
    while (true) {
      final long from = after;
      List<AuditEventRow> page = state.read(h -> h.attach(AuditEventDao.class).leavesAfter(from, PAGE));
      for (AuditEventRow row : page) {
        long idx = row.leafIndex();
        if (idx != expected) {
          problems.add(idx > expected ? "events " + expected + ".." + (idx - 1) + " are missing (removed)"
              : "event " + idx + " appears twice");
          // Keep going with the stored order so later checks still line up with the stored tree.
          while (expected < idx) {
            batch.add(Hash.EMPTY_TREE);
            badLeaves.add(expected++);
          }
        }
        Hash leaf = Hash.ofLeaf(row.entry());
        if (!Arrays.equals(leaf.bytes(), row.leafHash())) {
          badLeaves.add(idx);
        }
        batch.add(leaf);
        expected = idx + 1;
        after = idx;
      }
      // Flush up to each checkpoint boundary so every signed root is compared at its own size.
      while (!batch.isEmpty()) {
        long nextCp = cpIndex < checkpoints.size() ? checkpoints.get(cpIndex).treeSize() : Long.MAX_VALUE;
        int take = (int) Math.min(batch.size(), nextCp - range.size());
        if (take == 0 && nextCp == range.size()) {
          checkCheckpoint(checkpoints.get(cpIndex++), range, verifier, problems);
          continue;
        }
        List<Hash> part = batch.subList(0, take);
        TreeAppend append = range.appendAll(new ArrayList<>(part));
        hashesChecked += compareStored(append, badLeaves, badNodes);
        part.clear();
        progress.accept(range.size());
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    while (cpIndex < checkpoints.size()) {
      CheckpointRow cp = checkpoints.get(cpIndex++);
      if (cp.treeSize() == range.size()) {
        checkCheckpoint(cp, range, verifier, problems);
      } else {
        problems.add("checkpoint " + cp.treeSize() + " covers events that are not stored (only " + range.size()
            + " are)");
      }
    }
    if (range.size() > treeSize) {
      problems.add("events " + treeSize + ".." + (range.size() - 1) + " carry leaf indexes but no checkpoint "
          + "covers them (inserted?)");
    }
    long storedCount = state.read(h -> h.attach(AuditHashDao.class).count());
    if (storedCount != NodeId.storedHashCount(range.size())) {
      problems.add("the tree stores " + storedCount + " hashes; " + range.size() + " events need "
          + NodeId.storedHashCount(range.size()));
    }
    badLeaves.forEach(i -> problems.add("event " + i + " does not match the tree (changed, inserted or reordered)"));
    for (NodeId n : badNodes) {
      boolean explained = !badLeaves.subSet(n.firstLeaf(), n.firstLeaf() + n.width()).isEmpty();
      if (!explained) {
        problems.add("stored tree hash at level " + n.level() + " index " + n.index() + " was changed");
      }
    }
    long pending = state.read(h -> h.attach(AuditEventDao.class).pendingCount());
    return problems.report(treeSize, range.size(), hashesChecked, checkpoints.size(), pending, started);
  }

  private long compareStored(TreeAppend append, TreeSet<Long> badLeaves, List<NodeId> badNodes) {
    long first = append.firstStoredIndex();
    long end = first + append.hashes().size();
    long checked = 0;
    for (long from = first; from < end; from += PAGE) {
      final long lo = from;
      final long hi = Math.min(end, from + PAGE);
      List<StoredHash> stored = state.read(h -> h.attach(AuditHashDao.class).range(lo, hi));
      int s = 0;
      for (long idx = lo; idx < hi; idx++) {
        Hash computed = append.hashes().get((int) (idx - first));
        StoredHash row = s < stored.size() && stored.get(s).idx() == idx ? stored.get(s++) : null;
        checked++;
        if (row == null || !Arrays.equals(row.hash(), computed.bytes())) {
          NodeId node = NodeId.fromStoredIndex(idx);
          if (node.level() == 0) {
            badLeaves.add(node.index());
          } else if (badNodes.size() < MAX_PROBLEMS) {
            badNodes.add(node);
          }
        }
      }
    }
    return checked;
  }

  private void checkCheckpoint(CheckpointRow cp, CompactRange range, NoteVerifier verifier, Problems problems) {
    try {
      VerifiedCheckpoint v = VerifiedCheckpoint.open(cp.note().getBytes(StandardCharsets.UTF_8), origin, verifier);
      Checkpoint c = v.checkpoint();
      if (c.size() != cp.treeSize() || !Arrays.equals(c.root().bytes(), cp.root())) {
        problems.add("checkpoint " + cp.treeSize() + ": its signed note does not match its stored size or root");
      }
      if (!c.root().equals(range.root())) {
        problems.add("checkpoint " + cp.treeSize() + ": the signed root differs from the tree recomputed from the "
            + "stored events");
      }
    } catch (LogException e) {
      problems.add("checkpoint " + cp.treeSize() + ": " + e.getMessage());
    }
  }

  private static final class Problems {
    private final List<String> list = new ArrayList<>();
    private boolean truncated;

    void add(String p) {
      if (list.size() < MAX_PROBLEMS) {
        list.add(p);
      } else {
        truncated = true;
      }
    }

    VerifyReport report(long treeSize, long events, long hashes, int cps, long pending, long started) {
      return new VerifyReport(treeSize, events, hashes, cps, pending, list, truncated,
          (System.nanoTime() - started) / 1_000_000);
    }
  }
}
