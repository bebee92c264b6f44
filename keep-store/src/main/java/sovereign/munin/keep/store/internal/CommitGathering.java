package sovereign.munin.keep.store.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * When the group-commit writer should hold a group open for more callers, in the manner of PostgreSQL's
 * {@code commit_delay} with {@code commit_siblings}. Each commit costs a WAL write of every page it touched and an
 * fsync, whatever the number of transactions in it, so under many concurrent writers fewer, larger groups spend
 * less of the machine.
 *
 * <p>Callers that may write soon announce themselves (a server request does, for its whole duration) and count as
 * coming until their first transaction is queued or their work ends. A group is held open only when it and the
 * callers coming number at least {@link #SIBLINGS}, and only until none is coming or the delay has passed: when
 * every caller is already waiting in the group, it commits at once, so the machine never idles for the delay.
 */
public final class CommitGathering {

  /** Callers in the group and on their way from which waiting pays. */
  public static final int SIBLINGS = 8;

  private final AtomicInteger coming = new AtomicInteger();
  private final long delayNanos;

  public CommitGathering(long delayNanos) {
    this.delayNanos = delayNanos;
  }

  /** A caller that may write soon. */
  public void announce() {
    coming.incrementAndGet();
  }

  /** An announced caller queued its transaction or finished; true if it was the last one coming. */
  public boolean arrived() {
    return coming.decrementAndGet() == 0;
  }

  /** Announced callers not yet arrived. */
  public int coming() {
    return coming.get();
  }

  /** Whether a group of {@code size} should wait for the callers coming. */
  public boolean worthWaiting(int size) {
    int c = coming.get();
    return c > 0 && size + c >= SIBLINGS;
  }

  /** The longest a group is held open. */
  public long delayNanos() {
    return delayNanos;
  }
}
