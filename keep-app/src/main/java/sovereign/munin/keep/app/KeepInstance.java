package sovereign.munin.keep.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sovereign.munin.keep.app.audit.AuditLog;
import sovereign.munin.keep.app.audit.Sequencer;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.app.seal.DevUnsealFile;
import sovereign.munin.keep.app.seal.HsmRootKey;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.store.BlobStore;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.InstanceMetaDao;
import sovereign.munin.keep.store.SealConfigDao;
import sovereign.munin.keep.store.SealConfigRow;
import sovereign.munin.keep.store.StoreException;

/** A running instance's parts: configuration, both databases, the blob store and the seal. */
public final class KeepInstance implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeepInstance.class);
  private static final long MAX_BLOB_BYTES = 2L * 1024 * 1024 * 1024;
  private static final int SEQUENCER_BATCH = 20_000;

  private final DataDirectory dir;
  private final KeepConfig config;
  private final Database state;
  private final Database keys;
  private final SealState seal;
  private final BlobStore blobs;
  private final ApiTokens tokens;
  private final Clock clock;
  private final Sequencer sequencer;
  private final sovereign.munin.keep.app.audit.EventMacs eventMacs;
  private final sovereign.munin.keep.app.audit.IntegrityAlarms alarms;
  private final sovereign.munin.keep.app.audit.AuditHead auditHead;
  private final AuditLog audit;
  private final Map<String, String> env;

  private KeepInstance(DataDirectory dir, KeepConfig config, Database state, Database keys, SealState seal,
      Clock clock, SecureRandom rng, Map<String, String> env) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.config = config;
    this.state = state;
    this.keys = keys;
    this.seal = seal;
    this.clock = clock;
    this.blobs = new BlobStore(dir.blobs(), MAX_BLOB_BYTES);
    this.tokens = new ApiTokens(state, clock, rng);
    this.eventMacs = new sovereign.munin.keep.app.audit.EventMacs(keys, seal, config.instanceId());
    this.alarms = new sovereign.munin.keep.app.audit.IntegrityAlarms(clock);
    this.auditHead = new sovereign.munin.keep.app.audit.AuditHead(keys,
        sovereign.munin.keep.app.audit.AuditPins.headFile(dir));
    this.sequencer = new Sequencer(state, keys, seal, config.instanceId(), clock, SEQUENCER_BATCH, eventMacs, alarms,
        auditHead);
    this.audit = new AuditLog(state, keys, seal, eventMacs, clock, rng, sequencer::signal);
    var pinned = sovereign.munin.keep.app.audit.AuditPins.read(dir);
    if (pinned.isPresent() && !vkeys(pinned.get()).equals(vkeys(sovereign.munin.keep.app.audit.LogKeys
        .verifierKeys(state)))) {
      alarms.note("log-keys-changed", "the verifier keys stored in the state database are not the ones pinned in "
          + sovereign.munin.keep.app.audit.AuditPins.file(dir) + "; verification uses the pinned ones");
    }
  }

  private static java.util.Set<String> vkeys(java.util.List<sovereign.munin.keep.log.VerifierKey> keys) {
    return keys.stream().map(sovereign.munin.keep.log.VerifierKey::vkey).collect(java.util.stream.Collectors.toSet());
  }

  /** Opens an initialised data directory, sealed; a dev instance unseals itself from its dev file. */
  public static KeepInstance open(DataDirectory dir, Map<String, String> env, Clock clock, SecureRandom rng) {
    dir.checkUsable();
    sovereign.munin.keep.app.config.PrivateFiles.ownerOnly(dir);
    KeepConfig config = KeepConfig.load(dir, env);
    Database state = null;
    Database keys = null;
    try {
      state = Database.open(config.stateDb(), Database.Schema.STATE);
      keys = Database.open(config.keysDb(), Database.Schema.KEYS);
      SealConfigRow sealConfig = keys.read(h -> h.attach(SealConfigDao.class).find())
          .orElseThrow(() -> new KeepException(KeepException.Kind.UNAVAILABLE, "key-store-empty",
              "the key store " + config.keysDb() + " holds no seal configuration; is it the right database?"));
      String stateId = state.read(h -> h.attach(InstanceMetaDao.class).find("instance_id")).orElse("");
      if (!sealConfig.instanceId().equals(config.instanceId()) || !stateId.equals(config.instanceId())) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "instance-mismatch", "keep.toml, the state "
            + "database and the key store belong to different instances; check the database URLs");
      }
      SealState seal = new SealState(sealConfig);
      refuseRolledBack(dir, state, keys);
      pinIfMissing(dir, state);
      KeepInstance instance = new KeepInstance(dir, config, state, keys, seal, clock, rng, env);
      instance.unsealAutomatically();
      return instance;
    } catch (StoreException e) {
      closeQuietly(state, keys);
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "database-unusable", e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(state, keys);
      throw e;
    }
  }

  /**
   * Refuses to start on a state database whose audit log is shorter than the newest checkpoint this instance
   * signed (kept in the key store and the data directory): it was rolled back, and serving it would let the next
   * checkpoint fork the log.
   */
  private static void refuseRolledBack(DataDirectory dir, Database state, Database keys) {
    var signed = new sovereign.munin.keep.app.audit.AuditHead(keys,
        sovereign.munin.keep.app.audit.AuditPins.headFile(dir)).read();
    long size = state.read(sovereign.munin.keep.store.audit.AuditWrites::latestSize);
    if (signed.isPresent() && signed.get().size() > size) {
      LOG.error("AUDIT INTEGRITY ALARM (rollback): the log holds {} events, this instance signed {}", size,
          signed.get().size());
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-rollback", "AUDIT INTEGRITY ALARM: the "
          + "state database's audit log holds " + size + " events, but this instance signed a checkpoint of size "
          + signed.get().size() + " (kept in " + signed.get().where() + "). The state database was rolled back or "
          + "replaced by an older copy; restore the newest one. The server does not start on it.");
    }
  }

  /** Pins the log's verifier keys for a data directory made before pinning existed (trust on first use). */
  private static void pinIfMissing(DataDirectory dir, Database state) {
    if (sovereign.munin.keep.app.audit.AuditPins.read(dir).isEmpty()) {
      var keys = sovereign.munin.keep.app.audit.LogKeys.verifierKeys(state);
      if (!keys.isEmpty()) {
        LOG.warn("pinning the audit log keys of {} from its state database (made before init pinned them)",
            dir.root());
        sovereign.munin.keep.app.audit.AuditPins.write(dir, keys);
      }
    }
  }

  private static void closeQuietly(Database... dbs) {
    for (Database db : dbs) {
      if (db != null) {
        try {
          db.close();
        } catch (RuntimeException e) {
          LOG.debug("closing {} failed", db.url(), e);
        }
      }
    }
  }

  /**
   * Unseals without custodians where the instance allows it: a dev instance from its dev file, an HSM instance
   * through the token (PIN from {@code KEEP_HSM_PIN} as given at open). Returns false for share-sealed instances.
   */
  public boolean unsealAutomatically() {
    SealConfigRow sealConfig = keys.read(h -> h.attach(SealConfigDao.class).find()).orElseThrow();
    if (config.dev() && sealConfig.kind().equals("dev")) {
      seal.unsealWith(DevUnsealFile.read(dir.devUnsealFile()));
      return true;
    }
    if (sealConfig.kind().equals("hsm")) {
      // The root key never leaves the token; the PIN comes from the environment only.
      String hsmConfig = state.read(h -> h.attach(InstanceMetaDao.class).find("hsm_config")).orElseThrow(() ->
          new KeepException(KeepException.Kind.UNAVAILABLE, "hsm-config-missing", "the state database does not "
              + "name the HSM config of this instance"));
      String pin = env.get("KEEP_HSM_PIN");
      seal.unsealWith(HsmRootKey.open(java.nio.file.Path.of(hsmConfig), pin == null ? null : pin.toCharArray(),
          HsmRootKey.alias(config.instanceId())));
      return true;
    }
    return false;
  }

  /** Ready means: unsealed, and both databases answer. */
  public boolean ready() {
    return !seal.isSealed() && state.ping() && keys.ping();
  }

  public DataDirectory dataDirectory() { return dir; }

  public KeepConfig config() { return config; }

  public Database state() { return state; }

  public Database keys() { return keys; }

  public SealState seal() { return seal; }

  public BlobStore blobs() { return blobs; }

  public ApiTokens tokens() { return tokens; }

  public Clock clock() { return clock; }

  /** Where use cases record what they did. */
  public AuditLog audit() { return audit; }

  /** Integrates recorded events into the Merkle tree; started by the server. */
  public Sequencer sequencer() { return sequencer; }

  /** The server's MAC over audit entries (keyed only while unsealed). */
  public sovereign.munin.keep.app.audit.EventMacs eventMacs() { return eventMacs; }

  /** Integrity alarms about the audit log raised by this process. */
  public sovereign.munin.keep.app.audit.IntegrityAlarms integrityAlarms() { return alarms; }

  /** The newest checkpoint this instance signed, kept outside the state database. */
  public sovereign.munin.keep.app.audit.AuditHead auditHead() { return auditHead; }

  /**
   * Runs one request's work: it reads the state change counter once and shares that reading with every cache it
   * consults, and counts as a caller that may write to the state database (so a write waits for it where the
   * database serialises writers).
   */
  public <R, X extends Throwable> R perRequest(java.lang.ScopedValue.CallableOp<R, X> work) throws X {
    return state.announcingWrite(() -> sovereign.munin.keep.store.StateGenerations.sharedWithin(work));
  }

  /** The state database's change counter, for caches that must drop what any node's write made stale. */
  public StateGeneration generation() {
    return new StateGeneration(state);
  }

  /** Checkpoints, proofs and event search of the audit log. */
  public sovereign.munin.keep.app.audit.AuditReader auditReader() {
    return new sovereign.munin.keep.app.audit.AuditReader(state);
  }

  /** The audit log as C2SP tlog-tiles. */
  public sovereign.munin.keep.app.audit.AuditTiles auditTiles() {
    return new sovereign.munin.keep.app.audit.AuditTiles(state);
  }

  /** Registered witnesses and their cosignatures. */
  public sovereign.munin.keep.app.audit.Witnesses witnesses() {
    return new sovereign.munin.keep.app.audit.Witnesses(state, audit, clock);
  }

  /** The log's own verifier keys (current and retired). */
  public java.util.List<sovereign.munin.keep.log.VerifierKey> logVerifierKeys() {
    // The keys pinned at init, not the database's copy: a history rewritten with new keys carries its own.
    return sovereign.munin.keep.app.audit.AuditPins.read(dir)
        .orElseGet(() -> sovereign.munin.keep.app.audit.LogKeys.verifierKeys(state));
  }

  /** Verifies the whole audit log against its checkpoints and verifier keys. */
  public sovereign.munin.keep.app.audit.AuditVerifier auditVerifier() {
    return new sovereign.munin.keep.app.audit.AuditVerifier(state,
        sovereign.munin.keep.app.audit.LogKeys.origin(config.instanceId()), logVerifierKeys());
  }

  /** Crypto-shredding of a data subject's personal fields. */
  public sovereign.munin.keep.app.audit.Erasure erasure() {
    return new sovereign.munin.keep.app.audit.Erasure(state, keys, seal, audit, clock);
  }

  @Override
  public void close() {
    sequencer.close();
    seal.seal();
    closeQuietly(state, keys);
  }
}
