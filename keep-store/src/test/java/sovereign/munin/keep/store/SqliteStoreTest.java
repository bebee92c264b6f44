package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DAO suite on SQLite files, plus SQLite's durability settings and file errors. */
class SqliteStoreTest extends StoreContract {

  @TempDir
  Path dir;

  @Override
  protected DatabaseUrl stateUrl() {
    return DatabaseUrl.sqlite(dir.resolve("keep.db"));
  }

  @Override
  protected DatabaseUrl keysUrl() {
    return DatabaseUrl.sqlite(dir.resolve("keys.db"));
  }

  @Test
  void open_sqlite_usesWalAndFullSync() {
    String mode = state().read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
    int sync = state().read(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
    assertThat(mode).isEqualToIgnoringCase("wal");
    assertThat(sync).isEqualTo(2);
  }

  @Test
  void open_corruptFile_isCorruptAndLeavesFileUntouched() throws Exception {
    Path db = dir.resolve("keep.db");
    byte[] junk = "this is not a database, it is a shopping list".repeat(100).getBytes();
    Files.write(db, junk);
    assertThatThrownBy(() -> Database.open(DatabaseUrl.sqlite(db), Database.Schema.STATE))
        .isInstanceOf(StoreException.Corrupt.class)
        .hasMessageContaining("not a readable SQLite database");
    assertThat(Files.readAllBytes(db)).isEqualTo(junk);
  }

  @Test
  void open_readOnlyDirectory_isMisconfiguredAndCreatesNothing() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    try (var readOnly = ReadOnlyDirectory.of(ro)) {
      assertThatThrownBy(() -> Database.open(DatabaseUrl.sqlite(ro.resolve("keep.db")), Database.Schema.STATE))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(ro.toString());
      assertThat(ro.resolve("keep.db")).doesNotExist();
    }
  }

  @Test
  void open_missingFolder_isMisconfigured() {
    assertThatThrownBy(() -> Database.open(DatabaseUrl.sqlite(dir.resolve("nope/keep.db")),
        Database.Schema.STATE)).isInstanceOf(StoreException.Misconfigured.class).hasMessageContaining("does not exist");
  }
}
