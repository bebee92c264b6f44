package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state change counter: read fresh each time, or once per piece of work that shares a reading. */
class StateGenerationsTest {

  @TempDir
  Path dir;

  /** Moves the counter behind the database's back, as another node or process would. */
  private void bumpElsewhere() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("keep.db"));
         Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.executeUpdate("UPDATE state_generation SET value = value + 1 WHERE id = 1");
    }
  }

  @Test
  void outsideSharedWork_everyReadSeesTheCommittedCounter() throws Exception {
    try (Database db = Database.open(DatabaseUrl.sqlite(dir.resolve("keep.db")), Database.Schema.STATE)) {
      long before = StateGenerations.current(db);
      bumpElsewhere();
      assertThat(StateGenerations.current(db)).isEqualTo(before + 1);
    }
  }

  @Test
  void insideSharedWork_oneReadingServes_untilTheWorkWritesItself() throws Exception {
    try (Database db = Database.open(DatabaseUrl.sqlite(dir.resolve("keep.db")), Database.Schema.STATE)) {
      long start = StateGenerations.current(db);
      long[] seen = StateGenerations.sharedWithin(() -> {
        long first = StateGenerations.current(db);
        bumpElsewhere();
        long second = StateGenerations.current(db);
        // A write of this work's own drops the shared reading, so it sees its own change (and the one before).
        db.transaction(h -> h.execute("UPDATE state_generation SET value = value + 1 WHERE id = 1"));
        long third = StateGenerations.current(db);
        return new long[] {first, second, third};
      });
      assertThat(seen[0]).isEqualTo(start);
      assertThat(seen[1]).isEqualTo(start);
      assertThat(seen[2]).isEqualTo(start + 2);
      // The next piece of work reads afresh.
      assertThat(StateGenerations.sharedWithin(() -> StateGenerations.current(db))).isEqualTo(start + 2);
    }
  }
}
