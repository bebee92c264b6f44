package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.server.KeepServer;

/** The audit log as a user drives it from the README: log, prove, export, verify offline, witness, erase. */
class AuditCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private KeepInstance instance;
  private KeepServer server;
  private Path data;

  @BeforeEach
  void start() {
    data = TestInstances.dev(base, null, null).dataDir();
    instance = TestInstances.open(data);
    sovereign.munin.keep.app.TestCallers.cliOperator(instance, "payments");
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
  }

  @AfterEach
  void stop() {
    server.close();
    instance.close();
  }

  private CliRun keep(String... args) {
    List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--server", server.url()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private void changes(int n) {
    var identity = sovereign.munin.keep.app.identity.Identity.of(instance,
        sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
    String projectId = identity.projects().byName("payments").id();
    for (int i = 0; i < n; i++) {
      instance.audit().recordNow(AuditEvent.success("user-7", "project.update", "project:payments",
          Map.of("field", "owner")).inProject(projectId));
    }
    instance.sequencer().integrateAll(10);
  }

  @Test
  void readmeFlow_proveExportVerifyWitnessEraseVerify() throws Exception {
    changes(40);
    long exported = instance.sequencer().latest().orElseThrow().treeSize();
    CliRun search = keep("audit", "search", "--project", "payments", "--action", "project.update", "--json");
    assertThat(JSON.readTree(search.out())).hasSize(40);
    CliRun proof = keep("audit", "proof", "--index", "12", "--json");
    assertThat(proof.exit()).as(proof.err()).isZero();
    assertThat(JSON.readTree(proof.out()).path("verified").asBoolean()).isTrue();

    Path vkeys = base.resolve("audit.vkeys");
    Files.writeString(vkeys, keep("audit", "key").out());
    Path usb = base.resolve("usb1");
    assertThat(keep("audit", "export", usb.toString()).exit()).isZero();
    CliRun offline = CliRun.of("audit", "verify-export", usb.toString(), "--key", "@" + vkeys);
    assertThat(offline.exit()).as(offline.err()).isZero();
    // The same key file pins the keys of a verification of the database itself.
    CliRun pinned = keep("audit", "verify", "--key", "@" + vkeys);
    assertThat(pinned.exit()).as(pinned.err()).isZero();
    assertThat(pinned.out()).startsWith("OK: ").contains("Keys trusted: given with --key: ed25519:");
    Path stranger = base.resolve("stranger.vkeys");
    Files.writeString(stranger, sovereign.munin.keep.log.NoteSigner.ed25519(ExportFixture.ORIGIN,
        ExportFixture.OTHER_ED25519).verifierKey().vkey() + "\n");
    assertThat(keep("audit", "verify", "--key", "@" + stranger).exit()).as("a key that did not sign").isEqualTo(1);

    Path witness = base.resolve("witness");
    assertThat(CliRun.of("witness", "init", "--out", witness.toString(), "--name", "witness-a").exit()).isZero();
    CliRun cosign = CliRun.of("witness", "cosign", usb.toString(), "--witness", witness.toString(),
        "--log-key", "@" + vkeys);
    assertThat(cosign.exit()).as(cosign.err()).isZero();
    CliRun added = keep("audit", "add-witness", "@" + witness.resolve("witness.vkeys"));
    assertThat(added.exit()).isZero();
    assertThat(added.out().strip()).isEqualTo("registered witness witness-a (2 keys)");
    CliRun imported = keep("audit", "import-cosignatures", usb.toString(), "--json");
    assertThat(imported.exit()).as(imported.err()).isZero();
    // The exported checkpoint is now cosigned; newer checkpoints (the import is itself audited) are not yet.
    JsonNode result = JSON.readTree(imported.out()).get(0);
    assertThat(result.path("treeSize").asLong()).isEqualTo(exported);
    assertThat(result.path("cosigners").toString()).contains("witness-a");

    instance.audit().recordNow(AuditEvent.success("admin", "user.create", "user:9", Map.of())
        .withPersonal("carol@example.org", Map.of("email", "carol@example.org")));
    changes(5);
    Path usb2 = base.resolve("usb2");
    assertThat(keep("audit", "export", usb2.toString()).exit()).isZero();
    CliRun extends1 = CliRun.of("audit", "verify-export", usb2.toString(), "--key", "@" + vkeys,
        "--since", usb.resolve("checkpoint").toString());
    assertThat(extends1.exit()).as(extends1.err()).isZero();
    CliRun cosign2 = CliRun.of("witness", "cosign", usb2.toString(), "--witness", witness.toString());
    assertThat(cosign2.exit()).as(cosign2.err()).isZero();

    CliRun consistency = keep("audit", "consistency", "--from", String.valueOf(exported), "--json");
    assertThat(consistency.exit()).as(consistency.err()).isZero();
    assertThat(JSON.readTree(consistency.out()).path("verified").asBoolean()).isTrue();

    CliRun erase = keep("audit", "erase", "--subject", "carol@example.org", "--json");
    assertThat(erase.exit()).as(erase.err()).isZero();
    assertThat(JSON.readTree(erase.out()).path("fieldsDeleted").asLong()).isEqualTo(1);
    instance.sequencer().integrateAll(10);
    CliRun verify = keep("audit", "verify");
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).startsWith("OK:");
    assertThat(keep("audit", "proof", "--index", String.valueOf(exported)).exit()).isZero();
  }

  @Test
  void verify_tamperedDatabase_exitsOneNamingTheEvent() {
    changes(10);
    instance.state().transaction(h -> h.execute(
        "UPDATE audit_event SET entry = X'7b7d', leaf_hash = X'00' WHERE leaf_index = 4"));
    CliRun verify = keep("audit", "verify");
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).startsWith("FAILED:").contains("event 4 ");
  }

  @Test
  void proof_outOfRange_isClearError() {
    changes(3);
    long size = instance.sequencer().latest().orElseThrow().treeSize();
    CliRun r = keep("audit", "proof", "--index", "99");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("leaf index 99 is not in the tree of size " + size);
  }

  @Test
  void importCosignatures_fromForeignLog_isRefused() throws Exception {
    changes(3);
    Path vkeys = base.resolve("audit.vkeys");
    Files.writeString(vkeys, keep("audit", "key").out());
    Path usb = base.resolve("usb");
    keep("audit", "export", usb.toString());
    Path witness = base.resolve("w");
    CliRun.of("witness", "init", "--out", witness.toString(), "--name", "witness-b");
    CliRun.of("witness", "cosign", usb.toString(), "--witness", witness.toString(), "--log-key", "@" + vkeys);
    CliRun noWitness = keep("audit", "import-cosignatures", usb.toString());
    assertThat(noWitness.exit()).isEqualTo(1);
    assertThat(noWitness.err()).contains("no witness is registered");
  }

  @Test
  void verifyAndProof_trustThePinnedKeysByDefault_andARewrittenKeySetFails() throws Exception {
    changes(5);
    CliRun plain = keep("audit", "verify");
    assertThat(plain.exit()).as(plain.out() + plain.err()).isZero();
    assertThat(plain.out()).contains("Keys trusted: pinned in").contains("audit-keys.pin");
    CliRun proof = keep("audit", "proof", "--index", "2");
    assertThat(proof.exit()).as(proof.err()).isZero();
    assertThat(proof.out()).contains("Keys trusted: pinned in");

    // Someone with write access re-signs the checkpoints with a key of their own and stores its vkey: the check
    // against the pinned keys fails.
    var forger = sovereign.munin.keep.log.NoteSigner.ed25519(sovereign.munin.keep.app.audit.LogKeys.origin(
        instance.config().instanceId()), ExportFixture.OTHER_ED25519);
    instance.state().transaction(h -> {
      for (var row : h.createQuery("SELECT tree_size, note FROM audit_checkpoint").mapToMap().list()) {
        try {
          String text = sovereign.munin.keep.log.Note.parse(row.get("note").toString().getBytes(
              java.nio.charset.StandardCharsets.UTF_8)).text();
          String forged = new String(sovereign.munin.keep.log.Note.sign(text, java.util.List.of(forger)).encode(),
              java.nio.charset.StandardCharsets.UTF_8);
          h.createUpdate("UPDATE audit_checkpoint SET note = :n WHERE tree_size = :s").bind("n", forged)
              .bind("s", ((Number) row.get("tree_size")).longValue()).execute();
        } catch (sovereign.munin.keep.log.LogException e) {
          throw new IllegalStateException(e);
        }
      }
      h.createUpdate("UPDATE audit_log_key SET vkey = :v WHERE kind = 'ed25519'").bind("v",
          forger.verifierKey().vkey()).execute();
      h.execute("DELETE FROM audit_log_key WHERE kind <> 'ed25519'");
      return null;
    });
    CliRun rewritten = keep("audit", "verify");
    assertThat(rewritten.exit()).isEqualTo(1);
    assertThat(rewritten.out()).contains("FAILED").contains("problem:");


    // Without a pin, nothing is trusted unless asked for.
    Files.delete(instance.dataDirectory().root().resolve("audit-keys.pin"));
    CliRun unpinned = keep("audit", "verify");
    assertThat(unpinned.exit()).isEqualTo(1);
    assertThat(unpinned.err()).contains("no pinned audit keys").contains("--trust-database-keys");
    CliRun trusting = keep("audit", "verify", "--trust-database-keys");
    assertThat(trusting.out()).contains("Keys trusted: as the database reports them").contains("NOT pinned");
  }

  @Test
  void eraseUser_byName_refusedWhileActive_thenClearsTheAccount() {
    var identity = sovereign.munin.keep.app.identity.Identity.of(instance,
        sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
    identity.users().create("test", "carol.jones", "developer");
    CliRun active = keep("audit", "erase", "--user", "carol.jones");
    assertThat(active.exit()).isEqualTo(1);
    assertThat(active.err()).contains("still active").contains("keep user disable carol.jones");
    identity.users().disable("test", "carol.jones");
    CliRun erased = keep("audit", "erase", "--user", "carol.jones");
    assertThat(erased.exit()).as(erased.err()).isZero();
    assertThat(erased.out()).contains("account and request row(s) cleared");
    assertThat(keep("audit", "erase", "--user", "carol.jones").exit()).as("the name is gone").isNotZero();
    assertThat(keep("audit", "erase", "--user", "x", "--subject", "y").exit()).isEqualTo(2);
  }

  @Test
  void searchByNames_checkpointBySize_andJsonErrors() throws Exception {
    var identity = sovereign.munin.keep.app.identity.Identity.of(instance,
        sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
    identity.users().create("test", "sam", "developer"); // recorded as user:<id> by the first admin
    changes(3);
    CliRun bySam = keep("audit", "search", "--action", "user.create", "--json");
    String samId = identity.users().byName("sam").id();
    assertThat(JSON.readTree(bySam.out()).toString()).contains("user:" + samId);
    CliRun byProject = keep("audit", "search", "--project", "payments", "--action", "project.update");
    assertThat(byProject.exit()).as(byProject.err()).isZero();
    assertThat(byProject.out()).contains("3 event(s)").contains("payments").doesNotContain("p_");
    CliRun json = keep("audit", "search", "--project", "payments", "--action", "project.update", "--json");
    assertThat(JSON.readTree(json.out()).get(0).path("projectName").asText()).isEqualTo("payments");
    assertThat(JSON.readTree(json.out()).get(0).path("project").asText()).startsWith("p_");
    CliRun nobody = keep("audit", "search", "--actor", "nobody-here");
    assertThat(nobody.exit()).isEqualTo(1);
    assertThat(nobody.err()).contains("no user named 'nobody-here'");

    long size = instance.sequencer().latest().orElseThrow().treeSize();
    changes(1);
    CliRun older = keep("audit", "checkpoint", "--size", Long.toString(size));
    assertThat(older.exit()).as(older.err()).isZero();
    assertThat(older.out()).contains("tree size " + size + ",");
    CliRun missing = keep("audit", "checkpoint", "--size", "999999", "--json");
    assertThat(missing.exit()).isEqualTo(1);
    JsonNode problem = JSON.readTree(missing.err()).path("error");
    assertThat(problem.path("type").asText()).isEqualTo("no-checkpoint");
    assertThat(problem.path("exit").asInt()).isEqualTo(1);
    assertThat(problem.path("detail").asText()).contains("no checkpoint of size 999999");
  }
}
