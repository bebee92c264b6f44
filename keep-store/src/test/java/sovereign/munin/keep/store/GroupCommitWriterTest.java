package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite write transactions from many threads, group-committed by one writer. */
class GroupCommitWriterTest {

  @TempDir
  Path dir;

  private static ApiTokenRow row(int i) {
    return new ApiTokenRow("t" + i, String.format("%064d", i), "l", "admin", i, null, null);
  }

  @Test
  void transaction_concurrentWithOneFailing_onlyTheFailingOneRollsBack() throws Exception {
    try (Database db = Database.open(DatabaseUrl.sqlite(dir.resolve("keep.db")), Database.Schema.STATE);
         ExecutorService pool = Executors.newFixedThreadPool(16)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        final int n = i;
        results.add(pool.submit(() -> {
          go.await();
          return db.transaction(h -> {
            h.attach(ApiTokenDao.class).insert(row(n));
            if (n == 13) {
              throw new IllegalStateException("use case 13 failed after writing");
            }
            return n;
          });
        }));
      }
      go.countDown();
      int failed = 0;
      for (Future<?> f : results) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).hasMessageContaining("use case 13");
          failed++;
        }
      }
      assertThat(failed).isEqualTo(1);
      List<ApiTokenRow> rows = db.read(h -> h.attach(ApiTokenDao.class).list());
      assertThat(rows).hasSize(63).extracting(ApiTokenRow::id).doesNotContain("t13");
    }
  }

  @Test
  void transaction_answered_isDurableAcrossReopen() {
    Path file = dir.resolve("keep.db");
    try (Database db = Database.open(DatabaseUrl.sqlite(file), Database.Schema.STATE)) {
      db.transaction(h -> {
        h.attach(ApiTokenDao.class).insert(row(1));
        return null;
      });
    }
    try (Database db = Database.open(DatabaseUrl.sqlite(file), Database.Schema.STATE)) {
      List<ApiTokenRow> rows = db.read(h -> h.attach(ApiTokenDao.class).list());
      assertThat(rows).extracting(ApiTokenRow::id).containsExactly("t1");
    }
  }

  @Test
  void transaction_nestedOnSameDatabase_isRefusedAndRollsBack() {
    try (Database db = Database.open(DatabaseUrl.sqlite(dir.resolve("keep.db")), Database.Schema.STATE)) {
      assertThatThrownBy(() -> db.transaction(h -> {
        h.attach(ApiTokenDao.class).insert(row(1));
        return db.transaction(inner -> null);
      })).isInstanceOf(IllegalStateException.class).hasMessageContaining("may not start another");
      List<ApiTokenRow> rows = db.read(h -> h.attach(ApiTokenDao.class).list());
      assertThat(rows).isEmpty();
    }
  }

  @Test
  void transaction_afterClose_isUnavailable() {
    Database db = Database.open(DatabaseUrl.sqlite(dir.resolve("keep.db")), Database.Schema.STATE);
    db.close();
    assertThatThrownBy(() -> db.transaction(h -> null)).isInstanceOf(StoreException.class);
  }
}
