package sovereign.munin.keep.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import sovereign.munin.keep.store.StoreException;

/**
 * SQLite's single writer with group commit. SQLite allows one writer at a time and makes a contending connection
 * sleep; instead, every write transaction is handed to this one thread, which runs all transactions waiting at that
 * moment inside one database transaction, each under its own savepoint (a failing one rolls back alone), commits
 * once (one fsync for the group), and only then answers each caller. An answered write is durable. Under many
 * concurrent callers announced with {@link #announced}, the group is held open briefly for the others
 * ({@link CommitGathering}).
 */
public final class GroupCommitWriter implements AutoCloseable {

  private static final int MAX_GROUP = 512;
  private static final long WAIT_SECONDS = 120;
  /** At most this long a group waits for announced callers: about a dozen ML-DSA-65 signatures on two cores. */
  private static final long GATHER_NANOS = 5_000_000L;
  private static final ScopedValue<Intent> INTENT = ScopedValue.newInstance();

  private record Task<R>(HandleCallback<R, RuntimeException> work, CompletableFuture<R> done) {}

  /** One announced caller's promise to maybe write; used by its own thread only. */
  private static final class Intent {
    private final GroupCommitWriter writer;
    private boolean arrived;

    private Intent(GroupCommitWriter writer) {
      this.writer = writer;
    }

    private void arrive() {
      if (!arrived) {
        arrived = true;
        if (writer.gathering.arrived()) {
          LockSupport.unpark(writer.thread); // the last one coming: a waiting group need not wait longer
        }
      }
    }
  }

  private final Jdbi jdbi;
  private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(8192);
  private final Thread thread;
  private final CommitGathering gathering = new CommitGathering(GATHER_NANOS);
  private volatile boolean open = true;
  private Handle handle;

  public GroupCommitWriter(Jdbi jdbi, String name) {
    this.jdbi = jdbi;
    this.thread = Thread.ofPlatform().name("keep-writer-" + name).daemon(true).start(this::loop);
  }

  /** Runs {@code work} in a durable write transaction and returns its result once committed. */
  public <R> R write(HandleCallback<R, RuntimeException> work) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("a write transaction may not start another on the same database");
    }
    if (!open) {
      throw new StoreException.Unavailable("the database is closed", null);
    }
    Task<R> task = new Task<>(work, new CompletableFuture<>());
    try {
      if (!queue.offer(task, WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreException.Unavailable("the database write queue stayed full for " + WAIT_SECONDS + " s", null);
      }
      if (INTENT.isBound() && INTENT.get().writer == this) {
        INTENT.get().arrive();
      }
      return task.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Unavailable("interrupted while waiting for the database", e);
    } catch (TimeoutException e) {
      throw new StoreException.Unavailable("the database did not commit within " + WAIT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void loop() {
    List<Task<?>> group = new ArrayList<>(MAX_GROUP);
    while (open || !queue.isEmpty()) {
      try {
        Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        gather(group);
        runGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failAll(group, new StoreException.Unavailable("the database writer stopped", e));
        return;
      } catch (Throwable t) {
        failAll(group, t);
      } finally {
        group.clear();
      }
    }
  }

  /**
   * Runs {@code work}, a caller that may write soon (a server request), counted as coming until its first
   * transaction is queued or it ends; see {@link CommitGathering}.
   */
  public <R, X extends Throwable> R announced(ScopedValue.CallableOp<R, X> work) throws X {
    if (INTENT.isBound() && INTENT.get().writer == this) {
      return work.call();
    }
    Intent intent = new Intent(this);
    gathering.announce();
    try {
      return ScopedValue.where(INTENT, intent).call(work);
    } finally {
      intent.arrive();
    }
  }

  /** Announced callers not yet arrived (for tests and diagnostics). */
  public int coming() {
    return gathering.coming();
  }

  /**
   * Holds the group open, within the gathering delay, while announced callers are still coming. The writer parks
   * rather than waiting on the queue (a waiting consumer is woken by every caller that joins); the last caller
   * coming wakes it.
   */
  private void gather(List<Task<?>> group) throws InterruptedException {
    if (!gathering.worthWaiting(group.size())) {
      return;
    }
    long deadline = System.nanoTime() + gathering.delayNanos();
    while (gathering.coming() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        throw new InterruptedException("the database writer was interrupted while gathering a group");
      }
    }
    queue.drainTo(group, MAX_GROUP - group.size());
  }

  private void runGroup(List<Task<?>> group) {
    Object[] results = new Object[group.size()];
    Throwable[] errors = new Throwable[group.size()];
    // The writer keeps one connection for its lifetime; after any failure it starts over with a fresh one.
    if (handle == null) {
      handle = jdbi.open();
    }
    Handle h = handle;
    try {
      h.begin();
      for (int i = 0; i < group.size(); i++) {
        runOne(h, group.get(i), i, group.size() > 1, results, errors);
      }
      h.commit();
    } catch (RuntimeException | Error e) {
      handle = null;
      try (h) {
        h.rollback();
      } catch (RuntimeException ignored) {
        // The original failure is what the callers need to see.
      }
      throw e;
    }
    for (int i = 0; i < group.size(); i++) {
      complete(group.get(i), results[i], errors[i]);
    }
  }

  private static void runOne(Handle h, Task<?> task, int i, boolean savepoints, Object[] results, Throwable[] errors) {
    if (!savepoints) {
      results[i] = task.work().withHandle(h);
      return;
    }
    // Savepoints in plain SQL through statements compiled once (SqlStatements): after ROLLBACK TO, SQLite still
    // needs the RELEASE that pops the savepoint. One name serves every task: each is released before the next.
    java.sql.Connection c = h.getConnection();
    savepoint(c, "SAVEPOINT task");
    try {
      results[i] = task.work().withHandle(h);
    } catch (RuntimeException e) {
      savepoint(c, "ROLLBACK TO task");
      errors[i] = e;
    }
    savepoint(c, "RELEASE task");
  }

  private static void savepoint(java.sql.Connection c, String sql) {
    try (SqlStatements.Use u = SqlStatements.prepare(c, sql)) {
      u.statement().execute();
    } catch (java.sql.SQLException e) {
      throw new StoreException.Unavailable("the savepoint step '" + sql + "' failed: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> void complete(Task<R> task, Object result, Throwable error) {
    if (error != null) {
      task.done().completeExceptionally(error);
    } else {
      task.done().complete((R) result);
    }
  }

  private static void failAll(List<Task<?>> group, Throwable t) {
    for (Task<?> task : group) {
      task.done().completeExceptionally(t);
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (handle != null) {
      handle.close();
    }
  }
}
