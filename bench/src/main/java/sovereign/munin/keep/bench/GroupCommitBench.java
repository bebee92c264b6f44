package sovereign.munin.keep.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;

/** Durable single-event transactions from many threads, sequencer off: the group-commit writer's own capacity. */
public final class GroupCommitBench {

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(BenchInstances.arg(args, "--threads", "32"));
    int seconds = Integer.parseInt(BenchInstances.arg(args, "--seconds", "10"));
    String pg = BenchInstances.arg(args, "--postgres", null);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (KeepInstance instance = BenchInstances.open(pg)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong done = new AtomicLong();
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ts.add(Thread.ofPlatform().start(() -> {
          long i = 0;
          while (!stop.get()) {
            instance.audit().recordAll(List.of(AuditEvent.success("user-" + (i++ % 50), "key.sign", "key:k",
                Map.of("bytes", 4096L))));
            done.incrementAndGet();
          }
        }));
      }
      Thread.sleep(2000);
      long n0 = done.get();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long n = done.get() - n0;
      long cpu = os.getProcessCpuTime() - c0;
      double secs = (System.nanoTime() - t0) / 1e9;
      stop.set(true);
      for (Thread t : ts) {
        t.join();
      }
      System.out.printf("%d threads, one event per durable transaction: %,.0f commits/s, %.0f us CPU each%n",
          threads, n / secs, cpu / 1e3 / n);
    }
  }

  private GroupCommitBench() {}
}
