package sovereign.munin.keep.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.store.TestPostgres;

class AuditLogPostgresIT extends AuditLogContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, TestPostgres.freshDatabase().display(),
        TestPostgres.freshDatabase().display()).dataDir());
  }

  @Override
  protected String blob(String text) {
    return "'\\x" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'::bytea";
  }

  @Test
  void twoSequencers_sameDatabase_integrateEachEventOnce() throws Exception {
    var second = new Sequencer(instance.state(), instance.keys(), instance.seal(), instance.config().instanceId(),
        instance.clock(), 37, instance.eventMacs(), new IntegrityAlarms(instance.clock()), instance.auditHead());
    try (var pool = Executors.newFixedThreadPool(3)) {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          record(25);
        }
      });
      Future<Long> a = pool.submit(() -> drain(instance.sequencer(), writer));
      Future<Long> b = pool.submit(() -> drain(second, writer));
      writer.get();
      long total = a.get() + b.get();
      total += instance.sequencer().integrateAll(100);
      assertThat(total).isEqualTo(501);
    }
    VerifyReport r = verify();
    assertThat(r.problems()).isEmpty();
    assertThat(r.eventsChecked()).isEqualTo(501);
  }

  @Test
  void sequencer_otherNodeHoldsLock_waitsThenTakesOverWhenThatNodeDies() throws Exception {
    record(5);
    String url = instance.config().stateDb().jdbcUrl();
    var props = new java.util.Properties();
    props.setProperty("user", instance.config().stateDb().user());
    try (var otherNode = java.sql.DriverManager.getConnection(url, props)) {
      otherNode.setAutoCommit(false);
      try (var st = otherNode.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(" + 0x6b656570_61756469L + ")");
      }
      assertThat(instance.sequencer().integrateOnce().integrated()).isZero();
    } // the other node's session ends (it "dies"), and its lock with it
    // This node's own background sequencer may take over first; either way every event ends up integrated.
    instance.sequencer().integrateAll(10);
    long integrated = instance.state().read(h -> h.attach(
        sovereign.munin.keep.store.audit.AuditEventDao.class).integratedCount());
    long total = instance.state().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_event").mapTo(Long.class)
        .one());
    assertThat(integrated).isEqualTo(total).isGreaterThanOrEqualTo(6);
    assertThat(verify().problems()).isEmpty();
  }

  private static long drain(Sequencer s, Future<?> writer) {
    long n = 0;
    while (!writer.isDone()) {
      n += s.integrateOnce().integrated();
    }
    return n;
  }
}
