package sovereign.munin.keep.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.store.audit.AuditPersonalDao;

/** The audit log end to end on one database engine: record, integrate, prove, verify, tamper, erase. */
abstract class AuditLogContract {

  @TempDir
  Path base;

  KeepInstance instance;

  protected abstract KeepInstance newDevInstance(Path base);

  @BeforeEach
  void open() {
    instance = newDevInstance(base);
  }

  @AfterEach
  void close() {
    instance.close();
  }

  void record(int n) {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(AuditEvent.success("user-" + (i % 3), "test.action", "thing-" + i, Map.of("i", (long) i)));
    }
    instance.audit().recordAll(events);
  }

  VerifyReport verify() {
    return new AuditVerifier(instance.state(), LogKeys.origin(instance.config().instanceId()),
        LogKeys.verifierKeys(instance.state())).verify(n -> { });
  }

  /** Closes the instance and opens its data directory again, as a server restart would. */
  void restart() {
    java.nio.file.Path dir = instance.dataDirectory().root();
    instance.close();
    instance = TestInstances.open(dir);
  }

  void exec(String sql) {
    instance.state().transaction(h -> h.execute(sql));
  }

  @Test
  void integrate_recordedEvents_signsCheckpointThatVerifies() {
    record(50);
    assertThat(instance.sequencer().integrateAll(10)).isEqualTo(51); // 50 + the init event
    CheckpointView cp = new AuditReader(instance.state()).latest().orElseThrow();
    assertThat(cp.treeSize()).isEqualTo(51);
    assertThat(cp.note()).startsWith("munin-keep/" + instance.config().instanceId() + "\n51\n");
    VerifyReport r = verify();
    assertThat(r.problems()).isEmpty();
    assertThat(r.eventsChecked()).isEqualTo(51);
    assertThat(r.checkpointsChecked()).isEqualTo(1);
  }

  @Test
  void proofs_inclusionAndConsistency_verifyAgainstSignedRoots() throws Exception {
    record(10);
    instance.sequencer().integrateAll(10);
    CheckpointView first = new AuditReader(instance.state()).latest().orElseThrow();
    record(25);
    instance.sequencer().integrateAll(10);
    AuditReader reader = new AuditReader(instance.state());
    var inc = reader.inclusion(7, null);
    inc.proof().verify(Hash.ofLeaf(inc.event().entry()), new Hash(inc.checkpoint().root()));
    var byHash = reader.inclusionByHash(Hash.ofLeaf(inc.event().entry()).toHex(), null);
    assertThat(byHash.event().leafIndex()).isEqualTo(7L);
    var cons = reader.consistency(first.treeSize(), null);
    cons.verify(new Hash(first.root()), new Hash(reader.latest().orElseThrow().root()));
    assertThatThrownBy(() -> reader.inclusion(36, null))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("index-out-of-range"));
    assertThat(verify().checkpointsChecked()).isEqualTo(2);
  }

  @Test
  void verify_changedEvent_namesItsIndex() {
    record(20);
    instance.sequencer().integrateAll(10);
    exec("UPDATE audit_event SET entry = " + blob("{\"forged\":true}") + " WHERE leaf_index = 5");
    assertThat(verify().problems()).anyMatch(p -> p.contains("event 5 ")).noneMatch(p -> p.contains("event 6 "));
  }

  @Test
  void verify_removedEvent_reportsGap() {
    record(20);
    instance.sequencer().integrateAll(10);
    exec("DELETE FROM audit_event WHERE leaf_index = 7");
    assertThat(verify().problems()).anyMatch(p -> p.contains("events 7..7 are missing"));
  }

  @Test
  void verify_reorderedEvents_namesBoth() {
    record(20);
    instance.sequencer().integrateAll(10);
    exec("UPDATE audit_event SET leaf_index = -1 WHERE leaf_index = 3");
    exec("UPDATE audit_event SET leaf_index = 3 WHERE leaf_index = 4");
    exec("UPDATE audit_event SET leaf_index = 4 WHERE leaf_index = -1");
    assertThat(verify().problems()).anyMatch(p -> p.contains("event 3 ")).anyMatch(p -> p.contains("event 4 "));
  }

  @Test
  void verify_insertedEvent_isReported() {
    record(5);
    instance.sequencer().integrateAll(10);
    exec("INSERT INTO audit_event (event_id, leaf_index, created_at, actor, action, outcome, leaf_hash, entry) "
        + "VALUES ('forged', 6, 0, 'x', 'x', 'success', " + blob("x") + ", " + blob("{}") + ")");
    assertThat(verify().problems()).anyMatch(p -> p.contains("no checkpoint covers them"));
  }

  @Test
  void verify_changedStoredHash_namesTile() {
    record(20);
    instance.sequencer().integrateAll(10);
    // Stored index 2 is the level-1 node over leaves 0 and 1.
    exec("UPDATE audit_hash SET hash = " + blob("0".repeat(32)) + " WHERE idx = 2");
    assertThat(verify().problems()).anyMatch(p -> p.contains("stored tree hash at level 1 index 0"));
  }

  @Test
  void verify_forgedCheckpoint_isReported() {
    record(3);
    instance.sequencer().integrateAll(10);
    exec("UPDATE audit_checkpoint SET note = REPLACE(note, '\n4\n', '\n5\n')");
    assertThat(verify().problems()).anyMatch(p -> p.startsWith("checkpoint 4"));
  }

  @Test
  void erase_subject_destroysPersonalDataAndKeepsEveryProof() throws Exception {
    instance.audit().recordNow(AuditEvent.success("admin", "user.create", "user:42", Map.of())
        .withPersonal("alice@example.org", Map.of("email", "alice@example.org", "name", "Alice Example")));
    record(5);
    instance.sequencer().integrateAll(10);
    AuditReader reader = new AuditReader(instance.state());
    var before = reader.inclusion(1, null);
    String entry = new String(before.event().entry(), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"commitment\"").doesNotContain("alice").doesNotContain("Alice");

    var result = new Erasure(instance.state(), instance.keys(), instance.seal(), instance.audit(),
        instance.clock()).erase("Alice@Example.org", "admin");
    assertThat(result.fieldsDeleted()).isEqualTo(2);
    long left = instance.state().read(h -> h.attach(AuditPersonalDao.class).countSubject(result.subjectId()));
    assertThat(left).isZero();
    instance.sequencer().integrateAll(10);

    var after = new AuditReader(instance.state()).inclusion(1, null);
    after.proof().verify(Hash.ofLeaf(after.event().entry()), new Hash(after.checkpoint().root()));
    assertThat(verify().problems()).isEmpty();
    assertThat(new AuditReader(instance.state()).search(new AuditReader.Query(null, "audit.erase", null, 0,
        Long.MAX_VALUE, 10))).hasSize(1);
    assertThatThrownBy(() -> instance.audit().recordNow(AuditEvent.success("admin", "user.update", "user:42",
        Map.of()).withPersonal("alice@example.org", Map.of("email", "alice@example.org"))))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("subject-erased"));
  }

  @Test
  void record_personalWhileSealed_isRefusedAndWritesNothing() {
    instance.seal().seal();
    long before = instance.state().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_event")
        .mapTo(Long.class).one());
    assertThatThrownBy(() -> instance.audit().recordNow(AuditEvent.success("a", "b", "c", Map.of())
        .withPersonal("bob", Map.of("name", "Bob"))))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("sealed"));
    long after = instance.state().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_event")
        .mapTo(Long.class).one());
    assertThat(after).isEqualTo(before);
  }

  @Test
  void record_failingUseCase_rollsBackItsEvent() {
    assertThatThrownBy(() -> instance.state().transaction(h -> {
      instance.audit().record(h, AuditEvent.success("a", "doomed", "c", Map.of()));
      throw new IllegalStateException("the change failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(new AuditReader(instance.state()).search(new AuditReader.Query(null, "doomed", null, 0,
        Long.MAX_VALUE, 10))).isEmpty();
    long pending = instance.state().read(h -> h.createQuery(
        "SELECT COUNT(*) FROM audit_event WHERE action = 'doomed'").mapTo(Long.class).one());
    assertThat(pending).isZero();
  }

  private long count(String sql) {
    return instance.state().read(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** Inserts a pending event as someone with write access to the database would. */
  private void forge(String eventId, byte[] entry, byte[] leafHash, String macLiteral) {
    exec("INSERT INTO audit_event (event_id, created_at, actor, action, outcome, leaf_hash, entry, mac) VALUES ('"
        + eventId + "', 1000, 'user:mallory', 'key.export-private', 'success', "
        + blob(java.util.HexFormat.of().formatHex(leafHash), true) + ", " + blob(new String(entry,
        StandardCharsets.UTF_8)) + ", " + macLiteral + ")");
  }

  private static byte[] forgedEntry(String eventId) {
    return AuditLog.leaf(eventId, 1000, AuditEvent.success("user:mallory", "key.export-private", "key:release",
        Map.of()), Map.of());
  }

  @Test
  void forgedPendingEvent_isSetAsideWithAnAlarm_neverSigned() {
    record(3);
    instance.sequencer().integrateAll(10);
    byte[] entry = forgedEntry("forged-1");
    forge("forged-1", entry, Hash.ofLeaf(entry).bytes(), blob("0123456789abcdef0123456789abcdef"));
    byte[] other = forgedEntry("forged-2");
    forge("forged-2", other, Hash.ofLeaf(entry).bytes(), blob("fedcba9876543210fedcba9876543210")); // wrong hash
    record(2);

    instance.sequencer().integrateAll(10);

    assertThat(count("SELECT COUNT(*) FROM audit_event WHERE event_id = 'forged-1'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM audit_event_rejected WHERE event_id = 'forged-1'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'key.export-private'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM audit_event WHERE leaf_index IS NULL")).isZero();
    assertThat(instance.integrityAlarms().current()).extracting(IntegrityAlarms.Alarm::kind).contains("forged-event");
    assertThat(instance.integrityAlarms().signingStopped()).as("the genuine events are still signed").isFalse();
    var alarms = new AuditReader(instance.state()).search(new AuditReader.Query(null, "audit.integrity-alarm", null,
        0, Long.MAX_VALUE, 10));
    assertThat(alarms).hasSize(2).allSatisfy(e -> assertThat(e.leafIndex()).isNotNull());
    assertThat(alarms).extracting(e -> new String(e.entry(), StandardCharsets.UTF_8))
        .anySatisfy(t -> assertThat(t).contains("forged-1").contains("MAC does not match"))
        .anySatisfy(t -> assertThat(t).contains("forged-2").contains("not the hash of its entry"));
    VerifyReport r = verify();
    assertThat(r.problems()).isEmpty();
    assertThat(r.eventsChecked()).isEqualTo(1 + 3 + 2 + 2);
  }

  @Test
  void eventsWrittenWhileSealed_areSignedOnlyInsideAnUnauthenticatedWrapper() {
    instance.seal().seal();
    instance.audit().recordNow(AuditEvent.failure("custodian", "seal.unseal-share", "instance", Map.of()));
    instance.unsealAutomatically();

    instance.sequencer().integrateAll(10);

    var wrapped = new AuditReader(instance.state()).search(new AuditReader.Query(null, "audit.unauthenticated",
        null, 0, Long.MAX_VALUE, 10));
    assertThat(wrapped).hasSize(1);
    String text = new String(wrapped.getFirst().entry(), StandardCharsets.UTF_8);
    assertThat(text).contains("\"recordedWhileSealed\":true").contains("seal.unseal-share");
    assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'seal.unseal-share'")).isZero();
    assertThat(verify().problems()).isEmpty();
  }

  @Test
  void rolledBackStateDatabase_isRefusedAtStart() {
    record(5);
    instance.sequencer().integrateAll(10);
    record(5);
    instance.sequencer().integrateAll(10);
    long size = new AuditReader(instance.state()).latest().orElseThrow().treeSize();
    assertThat(instance.auditHead().read().orElseThrow().size()).isEqualTo(size);
    // The newest batch removed, as a restore of an older copy would leave the log.
    exec("DELETE FROM audit_checkpoint WHERE tree_size = " + size);
    exec("DELETE FROM audit_event WHERE leaf_index >= 6");
    java.nio.file.Path dir = instance.dataDirectory().root();
    instance.close();

    assertThatThrownBy(() -> instance = TestInstances.open(dir))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("audit-rollback"))
        .hasMessageContaining("holds 6 events").hasMessageContaining("size " + size);
    instance = newDevInstance(base.resolve("fresh")); // for close()
  }

  @Test
  void changedHashOnTheRightEdge_stopsSigningAtStart_andReadsGoOn() {
    record(6);
    instance.sequencer().integrateAll(10);
    CheckpointView before = new AuditReader(instance.state()).latest().orElseThrow();
    exec("UPDATE audit_hash SET hash = " + blob("00000000000000000000000000000000") + " WHERE idx = "
        + "(SELECT MAX(idx) FROM audit_hash)");
    restart();
    record(2);

    assertThatThrownBy(() -> instance.sequencer().integrateAll(10))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("audit-integrity-alarm"));

    assertThat(instance.integrityAlarms().current()).extracting(IntegrityAlarms.Alarm::kind)
        .containsExactly("tree-mismatch");
    assertThat(new AuditReader(instance.state()).latest().orElseThrow().treeSize()).isEqualTo(before.treeSize());
    assertThat(count("SELECT COUNT(*) FROM audit_event WHERE leaf_index IS NULL")).isEqualTo(2);
  }

  @Test
  void aRewrittenHistory_ofTheSameSize_isAFork() {
    record(4);
    instance.sequencer().integrateAll(10);
    long size = new AuditReader(instance.state()).latest().orElseThrow().treeSize();
    // Everything rewritten consistently in the state database, with another root the attacker signed himself:
    // only the head kept outside it tells.
    exec("UPDATE audit_hash SET hash = " + blob("11111111111111111111111111111111") + " WHERE idx = "
        + "(SELECT MAX(idx) FROM audit_hash)");
    instance.state().transaction(h -> {
      try {
        var tree = new sovereign.munin.keep.log.MerkleTree(new DbHashReader(h));
        var root = tree.compactRange(size).root();
        h.createUpdate("UPDATE audit_checkpoint SET root = :r WHERE tree_size = :s").bind("r", root.bytes())
            .bind("s", size).execute();
      } catch (sovereign.munin.keep.log.LogException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    restart();
    record(1);

    assertThatThrownBy(() -> instance.sequencer().integrateAll(10))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("audit-integrity-alarm"));
    assertThat(instance.integrityAlarms().current()).extracting(IntegrityAlarms.Alarm::kind).containsExactly("fork");
  }

  @Test
  void historyResignedWithNewKeys_passesOnItsOwnKeys_failsOnThePinnedOnes() throws Exception {
    record(4);
    instance.sequencer().integrateAll(10);
    var pinned = AuditPins.read(instance.dataDirectory()).orElseThrow();
    assertThat(pinned).extracting(sovereign.munin.keep.log.VerifierKey::vkey)
        .containsExactlyInAnyOrderElementsOf(LogKeys.verifierKeys(instance.state()).stream()
            .map(sovereign.munin.keep.log.VerifierKey::vkey).toList());
    // The attacker's own pair of keys, stored in the database, and every checkpoint signed again with them.
    String origin = LogKeys.origin(instance.config().instanceId());
    var gen = java.security.KeyPairGenerator.getInstance("Ed25519");
    var ml = java.security.KeyPairGenerator.getInstance("ML-DSA-65");
    var forgers = List.of(sovereign.munin.keep.log.NoteSigner.ed25519(origin, gen.generateKeyPair()),
        sovereign.munin.keep.log.NoteSigner.mlDsa65(origin, ml.generateKeyPair()));
    instance.state().transaction(h -> {
      for (var row : h.attach(sovereign.munin.keep.store.audit.AuditCheckpointDao.class).all()) {
        try {
          String text = sovereign.munin.keep.log.Note.parse(row.note().getBytes(StandardCharsets.UTF_8)).text();
          h.createUpdate("UPDATE audit_checkpoint SET note = :n WHERE tree_size = :s").bind("n", new String(
              sovereign.munin.keep.log.Note.sign(text, forgers).encode(), StandardCharsets.UTF_8))
              .bind("s", row.treeSize()).execute();
        } catch (sovereign.munin.keep.log.LogException e) {
          throw new IllegalStateException(e);
        }
      }
      h.createUpdate("UPDATE audit_log_key SET vkey = :v WHERE kind = 'ed25519'")
          .bind("v", forgers.get(0).verifierKey().vkey()).execute();
      h.createUpdate("UPDATE audit_log_key SET vkey = :v WHERE kind = 'ml-dsa-65'")
          .bind("v", forgers.get(1).verifierKey().vkey()).execute();
      return null;
    });

    assertThat(verify().problems()).as("the database's own keys accept the rewritten history").isEmpty();
    VerifyReport onPins = new AuditVerifier(instance.state(), origin, pinned).verify(n -> { });
    assertThat(onPins.problems()).isNotEmpty();
    // The server, started again, says so and verifies (and serves) the pinned keys.
    restart();
    assertThat(instance.integrityAlarms().current()).extracting(IntegrityAlarms.Alarm::kind)
        .contains("log-keys-changed");
    assertThat(instance.logVerifierKeys()).extracting(sovereign.munin.keep.log.VerifierKey::vkey)
        .containsExactlyInAnyOrderElementsOf(pinned.stream().map(sovereign.munin.keep.log.VerifierKey::vkey)
            .toList());
    assertThat(instance.auditVerifier().verify(n -> { }).problems()).isNotEmpty();
  }

  @Test
  void aChangedCopyOfTheHead_isNoticed_eachCopyIsCheckedAgainstTheTree() throws Exception {
    record(3);
    instance.sequencer().integrateAll(10);
    long size = new AuditReader(instance.state()).latest().orElseThrow().treeSize();
    String origin = LogKeys.origin(instance.config().instanceId());
    var other = new sovereign.munin.keep.log.Checkpoint(origin, size, Hash.ofLeaf(new byte[] {1}));
    var signer = sovereign.munin.keep.log.NoteSigner.ed25519(origin,
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    java.nio.file.Files.write(AuditPins.headFile(instance.dataDirectory()),
        sovereign.munin.keep.log.Note.sign(other.text(), List.of(signer)).encode());
    restart();
    record(1);

    assertThatThrownBy(() -> instance.sequencer().integrateAll(10))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("audit-integrity-alarm"));
    assertThat(instance.integrityAlarms().current()).singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("audit-head.note"));
  }

  /** A literal for the engine under test. */
  protected abstract String blob(String text);

  /** A literal of the bytes {@code hex} names. */
  protected String blob(String hex, boolean isHex) {
    return instance.state().url().kind() == sovereign.munin.keep.store.DatabaseUrl.Kind.POSTGRESQL
        ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
  }
}
