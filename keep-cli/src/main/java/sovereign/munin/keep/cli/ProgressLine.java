package sovereign.munin.keep.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** A progress line on a terminal, rewritten at most five times a second and erased when done; silent elsewhere. */
final class ProgressLine implements LongConsumer, AutoCloseable {

  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean enabled;
  private long last = System.nanoTime();
  private int width;

  private ProgressLine(PrintWriter err, String label, long total, boolean enabled) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.enabled = enabled;
  }

  /** A progress line for {@code total} entries (0 if unknown), shown only if the user sees a terminal. */
  static ProgressLine of(PrintWriter err, String label, long total, boolean json) {
    Console console = System.console();
    return new ProgressLine(err, label, total, !json && console != null && console.isTerminal());
  }

  @Override
  public void accept(long done) {
    long now = System.nanoTime();
    if (!enabled || now - last < INTERVAL_NANOS) {
      return;
    }
    last = now;
    String line = label + " " + done + (total > 0 ? " of " + total + " entries (" + done * 100 / total + "%)"
        : " entries");
    width = Math.max(width, line.length());
    err.print("\r" + line);
    err.flush();
  }

  @Override
  public void close() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
    }
  }
}
