package sovereign.munin.keep.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.governance.SessionPolicy;

/** Erasure that reaches every place a person's data is stored, on one database engine. */
abstract class ErasureContract {

  private static final String EMAIL = "alice.smith@example.org";
  private static final String PHONE = "+47 555 01 00";

  @TempDir
  Path base;

  KeepInstance instance;
  Identity id;

  protected abstract KeepInstance newDevInstance(Path base);

  @BeforeEach
  void open() {
    instance = newDevInstance(base);
    id = Identity.of(instance, SessionPolicy.DEFAULT);
  }

  @AfterEach
  void close() {
    instance.close();
  }

  @Test
  void eraseUser_reachesRequestsDenialsAndTheAccount_andNothingIsLeftInTheFiles() throws Exception {
    id.users().create("test", "owner", "developer");
    id.users().create("test", "sec", "security-team");
    id.users().create("test", "alice.smith", "developer");
    id.projects().create("test", "payments", "owner");
    var alice = id.users().byName("alice.smith");
    var request = id.access().open(alice, "payments", "developer", "Alice Smith (" + EMAIL + ", " + PHONE
        + ") covers the on-call rota", 30);
    id.access().deny(id.users().byName("sec"), request.id(), "Alice Smith (" + EMAIL + ") has not done the training");
    instance.sequencer().integrateAll(100);

    assertThatThrownBy(() -> instance.erasure().eraseUser("alice.smith", "user:sec"))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("user-active"));
    id.users().disable("test", "alice.smith");

    var r = instance.erasure().eraseUser("alice.smith", "user:sec");

    assertThat(r.subjectId()).isNotBlank();
    assertThat(r.fieldsDeleted()).as("name, request reason, denial reason").isGreaterThanOrEqualTo(3);
    assertThat(r.identityRowsErased()).isEqualTo(2);
    var after = id.access().find(request.id());
    assertThat(after.reason()).isEqualTo("[erased]");
    assertThat(after.toString()).doesNotContain(EMAIL).doesNotContain(PHONE);
    assertThatThrownBy(() -> id.users().byName("alice.smith")).isInstanceOf(KeepException.class);
    assertThat(id.users().byId(alice.id()).name()).startsWith("erased-");
    instance.sequencer().integrateAll(100);
    var report = new AuditVerifier(instance.state(), LogKeys.origin(instance.config().instanceId()),
        LogKeys.verifierKeys(instance.state())).verify(n -> { });
    assertThat(report.problems()).as("every proof stays valid").isEmpty();
    if (instance.state().url().kind() == sovereign.munin.keep.store.DatabaseUrl.Kind.SQLITE) {
      assertThat(r.scrubbed()).isTrue();
      try (var files = Files.list(instance.dataDirectory().root())) {
        var dbFiles = files.filter(p -> p.getFileName().toString().contains(".db")).toList();
        assertThat(dbFiles).extracting(p -> p.getFileName().toString()).contains("keep.db", "keys.db");
        for (Path f : dbFiles) {
          String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertThat(bytes).as(f.getFileName().toString()).doesNotContain(EMAIL).doesNotContain(PHONE);
        }
      }
    }
  }
}
