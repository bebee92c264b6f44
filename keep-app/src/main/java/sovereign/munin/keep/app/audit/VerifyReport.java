package sovereign.munin.keep.app.audit;

import java.util.List;

/**
 * What {@code keep audit verify} found: how much it checked and every problem, each naming a leaf index, a
 * checkpoint size or a stored hash.
 */
public record VerifyReport(long treeSize, long eventsChecked, long hashesChecked, int checkpointsChecked,
    long pendingEvents, List<String> problems, boolean problemsTruncated, long millis) {

  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
