package sovereign.munin.keep.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the group-commit writer holds a group open for announced callers. */
class CommitGatheringTest {

  @TempDir
  Path dir;

  @Test
  void fewCallers_commitAtOnce() {
    CommitGathering g = new CommitGathering(5_000_000L);
    for (int i = 0; i < CommitGathering.SIBLINGS - 2; i++) {
      g.announce();
    }
    assertThat(g.worthWaiting(1)).isFalse();
    g.announce();
    assertThat(g.worthWaiting(1)).isTrue();
  }

  @Test
  void everyoneArrived_nothingToWaitFor() {
    CommitGathering g = new CommitGathering(5_000_000L);
    for (int i = 0; i < 10; i++) {
      g.announce();
    }
    for (int i = 0; i < 9; i++) {
      assertThat(g.arrived()).isFalse();
    }
    assertThat(g.arrived()).isTrue();
    assertThat(g.coming()).isZero();
    assertThat(g.worthWaiting(10)).isFalse();
  }

  @Test
  void announcedWork_countsUntilItWritesOrEnds_evenWhenItFails() throws Exception {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("g.db"));
    jdbi.useHandle(h -> h.execute("CREATE TABLE t (n INTEGER)"));
    try (GroupCommitWriter w = new GroupCommitWriter(jdbi, "test")) {
      int seen = w.announced(() -> {
        int before = w.coming();
        w.write(h -> h.execute("INSERT INTO t VALUES (1)"));
        assertThat(w.coming()).isZero();
        w.write(h -> h.execute("INSERT INTO t VALUES (2)")); // a second write is not counted again
        return before;
      });
      assertThat(seen).isEqualTo(1);
      assertThatThrownBy(() -> w.announced(() -> {
        throw new IllegalStateException("refused before writing");
      })).hasMessageContaining("refused");
      assertThat(w.coming()).isZero();
    }
  }

  @Test
  void manyAnnouncedCallers_allCommitted_noneLost() throws Exception {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("m.db"));
    jdbi.useHandle(h -> h.execute("CREATE TABLE t (n INTEGER)"));
    try (GroupCommitWriter w = new GroupCommitWriter(jdbi, "test");
         ExecutorService pool = Executors.newFixedThreadPool(16)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        final int n = i;
        results.add(pool.submit(() -> {
          go.await();
          // Some callers end without writing; the rest must not wait on them past the delay.
          return w.announced(() -> n % 5 == 0 ? 0 : w.write(h -> h.execute("INSERT INTO t VALUES (?)", n)));
        }));
      }
      go.countDown();
      for (Future<Integer> f : results) {
        f.get();
      }
      assertThat(w.coming()).isZero();
      int rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
      assertThat(rows).isEqualTo(128);
    }
  }
}
