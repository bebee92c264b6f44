package sovereign.munin.keep.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.store.TestPostgres;

/** An instance whose state and key store live in two PostgreSQL databases. */
class InitializerPostgresIT {

  @TempDir
  Path base;

  @Test
  void init_onPostgres_opensSealedAndUnseals() {
    String state = TestPostgres.freshDatabase().display();
    String keys = TestPostgres.freshDatabase().display();
    InitResult r = new Initializer(Clock.systemUTC(), new SecureRandom()).init(new InitRequest(
        new DataDirectory(base.resolve("data")), InitRequest.SealKind.SHAMIR, 3, 2, base.resolve("usb"),
        ListenAddress.DEFAULT, state, keys));
    assertThat(base.resolve("data/keep.db")).doesNotExist();
    try (KeepInstance instance = TestInstances.open(r.dataDir())) {
      assertThat(instance.config().stateDb().kind()).isEqualTo(sovereign.munin.keep.store.DatabaseUrl.Kind.POSTGRESQL);
      instance.seal().submitShare(TestInstances.share(r.shareFiles().get(0)));
      instance.seal().submitShare(TestInstances.share(r.shareFiles().get(2)));
      assertThat(instance.ready()).isTrue();
    }
  }

  @Test
  void init_databaseAlreadyUsed_isRefusedAndLeavesNoFiles() {
    String state = TestPostgres.freshDatabase().display();
    String keys = TestPostgres.freshDatabase().display();
    var init = new Initializer(Clock.systemUTC(), new SecureRandom());
    init.init(new InitRequest(new DataDirectory(base.resolve("a")), InitRequest.SealKind.DEV, 1, 1, null,
        ListenAddress.DEFAULT, state, keys));
    assertThatThrownBy(() -> init.init(new InitRequest(new DataDirectory(base.resolve("b")),
        InitRequest.SealKind.DEV, 1, 1, null, ListenAddress.DEFAULT, state, keys)))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("database-in-use"));
    assertThat(base.resolve("b")).doesNotExist();
  }
}
