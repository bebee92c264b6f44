package sovereign.munin.keep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;

/**
 * Sustained durable appends end to end: writer threads commit audit events (each commit durable: SQLite WAL with
 * synchronous=FULL, or PostgreSQL with fsync), while the sequencer integrates them and signs an Ed25519 + ML-DSA-65
 * checkpoint per batch. Reports integrated events/s and the time from a commit to the first checkpoint covering it.
 */
public final class AuditAppendBench {

  private record Commit(long cumulative, long nanos, int events) {}

  private record Round(long size, long nanos) {}

  public static void main(String[] args) throws Exception {
    String pg = BenchInstances.arg(args, "--postgres", null);
    int seconds = Integer.parseInt(BenchInstances.arg(args, "--seconds", "20"));
    int threads = Integer.parseInt(BenchInstances.arg(args, "--threads", "4"));
    String batches = BenchInstances.arg(args, "--batches", "1,100");
    System.out.printf("audit append benchmark: %s, %d writer threads, %d s per run, %d cores%n",
        pg == null ? "SQLite (WAL, synchronous=FULL)" : "PostgreSQL", threads, seconds,
        Runtime.getRuntime().availableProcessors());
    for (String b : batches.split(",")) {
      run(pg, seconds, threads, Integer.parseInt(b.strip()));
    }
  }

  static void run(String pg, int seconds, int threads, int batch) throws Exception {
    try (KeepInstance instance = BenchInstances.open(pg)) {
      List<Round> rounds = new ArrayList<>();
      instance.sequencer().onCheckpoint(r -> {
        synchronized (rounds) {
          rounds.add(new Round(r.toSize(), System.nanoTime()));
        }
      });
      instance.sequencer().integrateAll(10);
      long base = instance.sequencer().latest().orElseThrow().treeSize();
      instance.sequencer().start();
      List<Commit> commits = new ArrayList<>();
      AtomicLong committed = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      Object order = new Object();
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int id = t;
        writers.add(Thread.ofPlatform().start(() -> {
          long i = 0;
          while (!stop.get()) {
            List<AuditEvent> events = new ArrayList<>(batch);
            for (int k = 0; k < batch; k++, i++) {
              events.add(event(id, i));
            }
            instance.audit().recordAll(events);
            long now = System.nanoTime();
            synchronized (order) {
              // Writers commit concurrently; the cumulative count approximates each commit's last leaf position.
              commits.add(new Commit(committed.addAndGet(batch), now, batch));
            }
          }
        }));
      }
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean();
      long start = System.nanoTime();
      long warm = start + 3_000_000_000L;
      long end = start + (seconds + 3) * 1_000_000_000L;
      while (System.nanoTime() < warm) {
        Thread.sleep(20);
      }
      long cpuAtWarm = os.getProcessCpuTime();
      while (System.nanoTime() < end) {
        Thread.sleep(20);
      }
      long cpuUsed = os.getProcessCpuTime() - cpuAtWarm;
      stop.set(true);
      for (Thread w : writers) {
        w.join();
      }
      long drainDeadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < drainDeadline
          && instance.sequencer().latest().orElseThrow().treeSize() < base + committed.get()) {
        Thread.sleep(20);
      }
      instance.sequencer().close();
      report(batch, rounds, commits, base, warm, end, cpuUsed);
    }
  }

  private static void report(int batch, List<Round> rounds, List<Commit> commits, long base, long warm, long end,
      long cpuNanos) {
    long sizeAtWarm = base;
    long sizeAtEnd = base;
    for (Round r : rounds) {
      if (r.nanos() <= warm) {
        sizeAtWarm = r.size();
      }
      if (r.nanos() <= end) {
        sizeAtEnd = r.size();
      }
    }
    double window = (end - warm) / 1e9;
    double rate = (sizeAtEnd - sizeAtWarm) / window;
    List<Long> ttc = new ArrayList<>();
    int ri = 0;
    for (Commit c : commits) {
      if (c.nanos() < warm || c.nanos() > end) {
        continue;
      }
      while (ri < rounds.size() && rounds.get(ri).size() < base + c.cumulative()) {
        ri++;
      }
      if (ri >= rounds.size()) {
        break;
      }
      long ms = Math.max(0, rounds.get(ri).nanos() - c.nanos()) / 1_000_000;
      for (int k = 0; k < c.events(); k++) {
        ttc.add(ms);
      }
    }
    long[] sorted = ttc.stream().mapToLong(Long::longValue).sorted().toArray();
    long checkpoints = rounds.stream().filter(r -> r.nanos() > warm && r.nanos() <= end).count();
    System.out.printf("  %3d event(s) per commit: %,10.0f events/s integrated and checkpointed; time to checkpoint"
            + " p50 %d ms, p99 %d ms, max %d ms; %d checkpoints in %.0f s%n",
        batch, rate, BenchInstances.percentile(sorted, 50), BenchInstances.percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1], checkpoints, window);
    System.out.printf("      process CPU %.0f us per integrated event (%.2f cores busy)%n",
        cpuNanos / 1e3 / Math.max(1, sizeAtEnd - sizeAtWarm), cpuNanos / 1e9 / window);
  }

  private static AuditEvent event(int thread, long i) {
    return new AuditEvent("user-" + (i % 50), "key.sign", "success", "key:prod-signing/v3", "payments",
        "req-" + thread + "-" + i, Map.of("keyId", "3f6c0a1b9d2e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
        "operation", "sign", "bytes", 4096L, "version", 3L), null, null);
  }

  private AuditAppendBench() {}

}
