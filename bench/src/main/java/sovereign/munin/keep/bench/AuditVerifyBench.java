package sovereign.munin.keep.bench;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditReader;
import sovereign.munin.keep.app.audit.AuditVerifier;
import sovereign.munin.keep.app.audit.LogKeys;
import sovereign.munin.keep.app.audit.VerifyReport;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;

/**
 * Full verification and proof latency over a large log: builds N events (default 1,000,000), then times
 * {@code keep audit verify}'s recomputation against a plain SHA-256 pass over the same entry bytes (the floor), and
 * 10,000 inclusion proofs at random indexes.
 */
public final class AuditVerifyBench {

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(BenchInstances.arg(args, "--events", "1000000"));
    String pg = BenchInstances.arg(args, "--postgres", null);
    try (KeepInstance instance = BenchInstances.open(pg)) {
      long t0 = System.nanoTime();
      int batch = 10_000;
      for (int done = 0; done < n; done += batch) {
        List<AuditEvent> events = new ArrayList<>(batch);
        for (int i = 0; i < Math.min(batch, n - done); i++) {
          long k = done + i;
          events.add(new AuditEvent("user-" + (k % 97), "key.sign", "success", "key:k" + (k % 13), "payments",
              "req-" + k, Map.of("keyId", Long.toHexString(k * 0x9E3779B97F4A7C15L), "bytes", k % 8192), null, null));
        }
        instance.audit().recordAll(events);
        instance.sequencer().integrateAll(5);
      }
      long total = instance.sequencer().latest().orElseThrow().treeSize();
      System.out.printf("built a log of %,d events with %,d checkpoints in %.1f s (%s)%n", total,
          instance.state().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_checkpoint").mapTo(Long.class).one()),
          (System.nanoTime() - t0) / 1e9, pg == null ? "SQLite" : "PostgreSQL");

      long bytes = 0;
      List<byte[]> entries = new ArrayList<>((int) total);
      for (long after = -1; ; ) {
        final long a = after;
        List<AuditEventRow> page = instance.state().read(h -> h.attach(AuditEventDao.class).leavesAfter(a, 50_000));
        for (AuditEventRow r : page) {
          entries.add(r.entry());
          bytes += r.entry().length;
          after = r.leafIndex();
        }
        if (page.size() < 50_000) {
          break;
        }
      }
      double shaBest = Double.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long s = System.nanoTime();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] e : entries) {
          sha.update(e);
        }
        sha.digest();
        shaBest = Math.min(shaBest, (System.nanoTime() - s) / 1e9);
      }
      entries = null;
      AuditVerifier verifier = new AuditVerifier(instance.state(), LogKeys.origin(instance.config().instanceId()),
          LogKeys.verifierKeys(instance.state()));
      double verifyBest = Double.MAX_VALUE;
      VerifyReport last = null;
      for (int run = 0; run < 3; run++) {
        long s = System.nanoTime();
        last = verifier.verify(x -> { });
        verifyBest = Math.min(verifyBest, (System.nanoTime() - s) / 1e9);
      }
      System.out.printf("keep audit verify: %,d events, %,d hashes, %d checkpoints, %s: best of 3 %.2f s%n",
          last.eventsChecked(), last.hashesChecked(), last.checkpointsChecked(), last.ok() ? "OK" : "PROBLEMS",
          verifyBest);
      System.out.printf("plain SHA-256 over the same %,d entry bytes (in memory): best of 3 %.3f s;"
          + " verify / SHA-256 = %.1fx%n", bytes, shaBest, verifyBest / shaBest);

      AuditReader reader = new AuditReader(instance.state());
      Random rnd = new Random(42);
      for (int i = 0; i < 2_000; i++) {
        reader.inclusion(rnd.nextLong(total), null);
      }
      int samples = 10_000;
      long[] lat = new long[samples];
      for (int i = 0; i < samples; i++) {
        long s = System.nanoTime();
        reader.inclusion(rnd.nextLong(total), null);
        lat[i] = System.nanoTime() - s;
      }
      java.util.Arrays.sort(lat);
      System.out.printf("inclusion proof at %,d events (%,d random leaves, read from the database): median %.3f ms,"
          + " p99 %.3f ms%n", total, samples, BenchInstances.percentile(lat, 50) / 1e6,
          BenchInstances.percentile(lat, 99) / 1e6);
    }
  }

  private AuditVerifyBench() {}
}
