package sovereign.munin.keep.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditLog;
import sovereign.munin.keep.app.audit.AuditPins;
import sovereign.munin.keep.app.audit.EventMacs;
import sovereign.munin.keep.app.audit.LogKeys;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.app.config.PrivateFiles;
import sovereign.munin.keep.app.seal.DevUnsealFile;
import sovereign.munin.keep.app.seal.HsmRootKey;
import sovereign.munin.keep.app.seal.KeyCheck;
import sovereign.munin.keep.app.seal.RootKey;
import sovereign.munin.keep.app.seal.ShareFile;
import sovereign.munin.keep.app.seal.SoftwareRootKey;
import sovereign.munin.keep.app.tls.ServerCertificate;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Shamir;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.InstanceMetaDao;
import sovereign.munin.keep.store.SealConfigDao;
import sovereign.munin.keep.store.SealConfigRow;

/**
 * Creates a new instance: checks every input first, then writes TLS material, the sealed root key's custodial
 * files, the databases, and keep.toml last, so a half-made directory is never taken for an instance. On any
 * failure it removes what it wrote.
 */
public final class Initializer {

  private final Clock clock;
  private final SecureRandom rng;

  public Initializer(Clock clock, SecureRandom rng) {
    this.clock = clock;
    this.rng = rng;
  }

  public InitResult init(InitRequest req) {
    DataDirectory dir = req.dataDir();
    validate(req);
    boolean createdRoot = !Files.exists(dir.root());
    List<Path> written = new ArrayList<>();
    String instanceId = UUID.randomUUID().toString();
    String stateUrl = req.stateDb() == null ? "sqlite:keep.db" : req.stateDb();
    String keysUrl = req.keysDb() == null ? "sqlite:keys.db" : req.keysDb();
    // The token is asked first: a wrong PIN or a missing token must leave nothing behind.
    HsmRootKey hsmKey = req.seal() == InitRequest.SealKind.HSM
        ? HsmRootKey.generate(req.hsm().config(), req.hsm().pin(), HsmRootKey.alias(instanceId)) : null;
    try (SecretBytes kek = SecretBytes.random(32, rng)) {
      Files.createDirectories(dir.tlsDir());
      Files.createDirectories(dir.blobs());
      List<String> extraHosts = req.listen().host().equals("127.0.0.1") ? List.of() : List.of(req.listen().host());
      ServerCertificate.generate(dir.tlsCert(), dir.tlsKey(), extraHosts, clock, rng);

      List<Path> shareFiles = new ArrayList<>();
      if (req.seal() == InitRequest.SealKind.SHAMIR) {
        Files.createDirectories(req.sharesDir());
        for (Shamir.Share s : Shamir.split(kek, req.shares(), req.threshold(), rng)) {
          var file = new ShareFile(instanceId, s.index(), req.shares(), req.threshold(), s.value());
          Path path = req.sharesDir().resolve("keep-share-" + instanceId.substring(0, 8) + "-" + s.index()
              + "-of-" + req.shares() + ".txt");
          PrivateFiles.write(path, file.format().getBytes(StandardCharsets.US_ASCII));
          written.add(path);
          shareFiles.add(path);
        }
      } else if (req.seal() == InitRequest.SealKind.DEV) {
        DevUnsealFile.write(dir.devUnsealFile(), kek);
      }

      ApiTokens.Issued token;
      sovereign.munin.keep.app.identity.NewUser admin;
      try (RootKey rootKey = hsmKey != null ? hsmKey : new SoftwareRootKey(SecretBytes.copyOf(kek.copyBytes()));
           Database keys = Database.open(KeepConfig.database(dir, keysUrl), Database.Schema.KEYS);
           Database state = Database.open(KeepConfig.database(dir, stateUrl), Database.Schema.STATE)) {
        refuseIfUsed(keys, state);
        byte[] check = KeyCheck.create(rootKey, instanceId);
        int shares = req.seal() == InitRequest.SealKind.SHAMIR ? req.shares() : 1;
        int threshold = req.seal() == InitRequest.SealKind.SHAMIR ? req.threshold() : 1;
        keys.transaction(h -> {
          h.attach(SealConfigDao.class).insert(new SealConfigRow(req.seal().id(), instanceId, shares, threshold,
              check, clock.millis()));
          return null;
        });
        ApiTokens tokens = new ApiTokens(state, clock, rng);
        var logKeys = LogKeys.create(instanceId, rootKey, keys, state, clock, rng);
        AuditPins.write(dir, logKeys);
        var seal = new sovereign.munin.keep.app.seal.SealState(new SealConfigRow(req.seal().id(), instanceId, shares,
            threshold, check, clock.millis()));
        var audit = new AuditLog(state, keys, seal, EventMacs.withRoot(instanceId, rootKey, keys), clock, rng,
            () -> { });
        var users = new sovereign.munin.keep.app.identity.Users(state, audit, clock, rng);
        record Made(ApiTokens.Issued token, sovereign.munin.keep.app.identity.NewUser admin) {}
        Made made = state.transaction(h -> {
          var meta = h.attach(InstanceMetaDao.class);
          meta.insert("instance_id", instanceId);
          meta.insert("mode", req.seal() == InitRequest.SealKind.DEV ? "dev" : "production");
          meta.insert("created_at", clock.instant().toString());
          if (hsmKey != null) {
            meta.insert("hsm_config", req.hsm().config().toAbsolutePath().toString());
          }
          ApiTokens.Issued issued = tokens.issue(h, "bootstrap admin (created by init)", "admin", null);
          var firstAdmin = users.createFirstAdmin(h);
          audit.record(h, AuditEvent.success("init", "instance.init", "instance:" + instanceId, java.util.Map.of(
              "seal", req.seal().id(), "shares", (long) shares, "threshold", (long) threshold,
              "adminToken", issued.id(), "adminUser", "user:" + firstAdmin.id())));
          return new Made(issued, firstAdmin);
        });
        token = made.token();
        admin = made.admin();
      }
      if (req.seal() == InitRequest.SealKind.DEV) {
        PrivateFiles.write(dir.devAdminToken(), (token.secret() + "\n").getBytes(StandardCharsets.US_ASCII));
        PrivateFiles.write(dir.devAdminPassword(), (admin.password().value() + "\n")
            .getBytes(StandardCharsets.US_ASCII));
      }
      Path tmp = dir.root().resolve("keep.toml.tmp");
      // Owner-only from the start: a PostgreSQL URL may carry a password.
      PrivateFiles.write(tmp, KeepConfig.render(instanceId, req.seal() == InitRequest.SealKind.DEV, req.listen(),
          stateUrl, keysUrl).getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, dir.config(), StandardCopyOption.ATOMIC_MOVE);
      PrivateFiles.ownerOnly(dir);
      return new InitResult(instanceId, dir.root(), req.seal() == InitRequest.SealKind.DEV, shareFiles,
          req.threshold(), token, dir.tlsCert(), admin.password());
    } catch (IOException | RuntimeException e) {
      cleanUp(dir, createdRoot, written);
      if (hsmKey != null) {
        hsmKey.destroyInToken(req.hsm().pin(), HsmRootKey.alias(instanceId));
      }
      if (e instanceof KeepException ke) {
        throw ke;
      }
      if (e instanceof sovereign.munin.keep.store.StoreException se) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "database-unusable", se.getMessage(), se);
      }
      throw new KeepException(KeepException.Kind.INTERNAL, "init-failed", "init failed and was rolled back: "
          + e.getMessage(), e);
    }
  }

  private static void validate(InitRequest req) {
    DataDirectory dir = req.dataDir();
    dir.checkFreshForInit();
    if (req.seal() == InitRequest.SealKind.HSM && (req.hsm() == null || !Files.isReadable(req.hsm().config()))) {
      throw KeepException.badInput("hsm-config-unreadable", "HSM init needs a readable SunPKCS11 config file "
          + "(--hsm CONFIG)" + (req.hsm() == null ? "" : "; cannot read " + req.hsm().config()));
    }
    if (req.seal() == InitRequest.SealKind.SHAMIR) {
      if (req.threshold() < 2 || req.threshold() > req.shares() || req.shares() > 255) {
        throw KeepException.badInput("bad-share-scheme", "need 2 <= threshold <= shares <= 255, got threshold "
            + req.threshold() + " of " + req.shares() + " shares");
      }
      if (req.sharesDir() == null) {
        throw KeepException.badInput("shares-dir-missing", "Shamir init needs --shares-dir DIR: one file per "
            + "custodian is written there (use removable media, never the data directory)");
      }
      if (dir.contains(req.sharesDir())) {
        throw KeepException.badInput("shares-dir-inside-data", "--shares-dir must be outside the data directory:"
            + " shares kept beside the data they unseal protect nothing");
      }
      Path existing = req.sharesDir();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
        throw KeepException.badInput("shares-dir-unusable", "cannot write share files under " + req.sharesDir());
      }
    }
    DatabaseUrl state = parse(dir, req.stateDb() == null ? "sqlite:keep.db" : req.stateDb());
    DatabaseUrl keys = parse(dir, req.keysDb() == null ? "sqlite:keys.db" : req.keysDb());
    if (state.jdbcUrl().equals(keys.jdbcUrl())) {
      throw KeepException.badInput("key-store-not-separate", "the key store must be a separate database from the"
          + " state database (give --keys-db a different database)");
    }
  }

  private static DatabaseUrl parse(DataDirectory dir, String url) {
    try {
      return KeepConfig.database(dir, url);
    } catch (sovereign.munin.keep.store.StoreException e) {
      throw KeepException.badInput("bad-database-url", e.getMessage());
    }
  }

  private static void refuseIfUsed(Database keys, Database state) {
    boolean sealed = keys.read(h -> h.attach(SealConfigDao.class).find()).isPresent();
    boolean meta = !state.read(h -> h.attach(InstanceMetaDao.class).all()).isEmpty();
    if (sealed || meta) {
      throw new KeepException(KeepException.Kind.CONFLICT, "database-in-use", "the "
          + (sealed ? "key store" : "state") + " database already holds a Munin Keep instance; init refuses to "
          + "reuse it");
    }
  }

  private static void cleanUp(DataDirectory dir, boolean createdRoot, List<Path> written) {
    for (Path p : written) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Best effort: the error that caused the clean-up is what the user needs to see.
      }
    }
    if (!Files.exists(dir.root())) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir.root())) {
      walk.sorted(Comparator.reverseOrder())
          .filter(p -> createdRoot || !p.equals(dir.root()))
          .forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort, as above.
    }
  }
}
