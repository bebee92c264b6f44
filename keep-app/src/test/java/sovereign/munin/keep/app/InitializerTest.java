package sovereign.munin.keep.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;

class InitializerTest {

  @TempDir
  Path base;

  private final Initializer init = new Initializer(Clock.systemUTC(), new SecureRandom());

  private InitRequest shamir(Path sharesDir) {
    return new InitRequest(new DataDirectory(base.resolve("data")), InitRequest.SealKind.SHAMIR, 5, 3, sharesDir,
        ListenAddress.DEFAULT, null, null);
  }

  @Test
  void init_shamir_writesSharesOutsideDataAndConfigLast() throws IOException {
    InitResult r = init.init(shamir(base.resolve("usb")));
    assertThat(r.shareFiles()).hasSize(5).allSatisfy(p -> {
      assertThat(p).startsWith(base.resolve("usb")).exists();
      assertThat(Files.getPosixFilePermissions(p)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE);
    });
    Path data = base.resolve("data");
    assertThat(data.resolve("keep.toml")).exists();
    assertThat(data.resolve("keep.db")).exists();
    assertThat(data.resolve("keys.db")).exists();
    assertThat(data.resolve("dev-unseal.key")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(data.resolve("tls/server.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (Stream<Path> all = Files.walk(data)) {
      assertThat(all.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.startsWith("keep-share"));
    }
    assertThat(r.adminToken().secret()).startsWith("keep_");
  }

  @Test
  void init_overExistingInstance_isRefusedAndChangesNothing() throws IOException {
    init.init(shamir(base.resolve("usb")));
    List<String> before = listing(base);
    byte[] config = Files.readAllBytes(base.resolve("data/keep.toml"));
    assertThatThrownBy(() -> init.init(shamir(base.resolve("usb2"))))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("already-initialised"));
    assertThat(listing(base)).isEqualTo(before);
    assertThat(Files.readAllBytes(base.resolve("data/keep.toml"))).isEqualTo(config);
  }

  @Test
  void init_sharesDirInsideData_isRefusedBeforeWriting() {
    assertThatThrownBy(() -> init.init(shamir(base.resolve("data/shares"))))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("shares-dir-inside-data"));
    assertThat(base.resolve("data")).doesNotExist();
  }

  @Test
  void init_badScheme_isRefusedBeforeWriting() {
    var req = new InitRequest(new DataDirectory(base.resolve("data")), InitRequest.SealKind.SHAMIR, 3, 4,
        base.resolve("usb"), ListenAddress.DEFAULT, null, null);
    assertThatThrownBy(() -> init.init(req))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("bad-share-scheme"));
    assertThat(base.resolve("data")).doesNotExist();
    assertThat(base.resolve("usb")).doesNotExist();
  }

  @Test
  void init_unreachableDatabase_rollsBackEveryFile() {
    var req = new InitRequest(new DataDirectory(base.resolve("data")), InitRequest.SealKind.SHAMIR, 5, 3,
        base.resolve("usb"), ListenAddress.DEFAULT, null, "postgresql://keep@127.0.0.1:1/keys");
    assertThatThrownBy(() -> init.init(req))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("database-unusable"))
        .hasMessageContaining("cannot connect to PostgreSQL");
    assertThat(base.resolve("data")).doesNotExist();
    assertThat(base.resolve("usb")).isEmptyDirectory();
  }

  @Test
  void init_sameDatabaseForStateAndKeys_isRefused() {
    var req = new InitRequest(new DataDirectory(base.resolve("data")), InitRequest.SealKind.DEV, 1, 1, null,
        ListenAddress.DEFAULT, "postgresql://u@h/db", "postgresql://u@h/db");
    assertThatThrownBy(() -> init.init(req))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("key-store-not-separate"));
  }

  @Test
  void open_shamirInstance_startsSealedAndUnsealsWithThreeShares() {
    InitResult r = init.init(shamir(base.resolve("usb")));
    try (KeepInstance instance = TestInstances.open(r.dataDir())) {
      assertThat(instance.seal().isSealed()).isTrue();
      assertThat(instance.ready()).isFalse();
      for (Path p : r.shareFiles().subList(1, 4)) {
        instance.seal().submitShare(TestInstances.share(p));
      }
      assertThat(instance.ready()).isTrue();
    }
  }

  @Test
  void open_shareFromAnotherInit_isRefused() {
    InitResult first = init.init(shamir(base.resolve("usb")));
    InitResult other = new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(
        new DataDirectory(base.resolve("data2")), InitRequest.SealKind.SHAMIR, 5, 3, base.resolve("usb2"),
        ListenAddress.DEFAULT, null, null));
    try (KeepInstance instance = TestInstances.open(first.dataDir())) {
      assertThatThrownBy(() -> instance.seal().submitShare(TestInstances.share(other.shareFiles().get(0))))
          .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-wrong-instance"));
    }
  }

  @Test
  void open_devInstance_unsealsItself() {
    InitResult r = init.init(InitRequest.dev(new DataDirectory(base.resolve("data")), ListenAddress.DEFAULT));
    assertThat(base.resolve("data/dev-admin.token")).exists();
    try (KeepInstance instance = TestInstances.open(r.dataDir())) {
      assertThat(instance.ready()).isTrue();
      assertThat(instance.tokens().authenticate(r.adminToken().secret())).isPresent();
      assertThat(instance.tokens().authenticate(r.adminToken().secret() + "x")).isEmpty();
    }
  }

  @Test
  void open_corruptStateDatabase_saysSoAndKeepsTheFile() throws IOException {
    InitResult r = init.init(InitRequest.dev(new DataDirectory(base.resolve("data")), ListenAddress.DEFAULT));
    Path db = r.dataDir().resolve("keep.db");
    Files.deleteIfExists(r.dataDir().resolve("keep.db-wal"));
    Files.deleteIfExists(r.dataDir().resolve("keep.db-shm"));
    byte[] junk = new byte[8192];
    new SecureRandom().nextBytes(junk);
    Files.write(db, junk);
    assertThatThrownBy(() -> TestInstances.open(r.dataDir()))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("database-unusable"))
        .hasMessageContaining("not a readable SQLite database");
    assertThat(Files.readAllBytes(db)).isEqualTo(junk);
  }

  @Test
  void open_uninitialisedDirectory_saysToRunInit() {
    assertThatThrownBy(() -> KeepInstance.open(new DataDirectory(base.resolve("nothing")), Map.of(),
        Clock.systemUTC(), new SecureRandom()))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("data-dir-missing"))
        .hasMessageContaining("keep init");
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm"))
          .map(p -> root.relativize(p) + ":" + p.toFile().length()).sorted().toList();
    }
  }
}
