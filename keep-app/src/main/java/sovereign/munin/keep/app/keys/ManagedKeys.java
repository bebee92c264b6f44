package sovereign.munin.keep.app.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.RotationPolicy;
import sovereign.munin.keep.store.keys.DestructionRequestRow;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;
import sovereign.munin.keep.store.keys.ManagedKeyRow;

/**
 * The lifecycle of managed keys: create, rotate, publish ahead, revoke, archive, destroy. Material goes to the key
 * store first; the metadata and its audit event follow in one state transaction, and material whose metadata
 * failed to commit is removed again.
 */
public final class ManagedKeys {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_TEXT = 200;

  private final KeepInstance instance;
  private final SecureRandom rng;
  private final KeyCache cache;
  private final Clock clock;
  private final KeyWrites writes;
  private final KeyEndOfLife ends;
  private final KeyDirectory directory;

  public ManagedKeys(KeepInstance instance, SecureRandom rng) {
    this(instance, rng, new KeyCache(256), instance.clock(), new KeyDirectory(instance.state()));
  }

  private ManagedKeys(KeepInstance instance, SecureRandom rng, KeyCache cache, Clock clock, KeyDirectory directory) {
    this.instance = instance;
    this.rng = rng;
    this.cache = cache;
    this.clock = clock;
    this.writes = new KeyWrites(instance, rng);
    this.ends = new KeyEndOfLife(instance, cache, writes);
    this.directory = directory;
  }

  /** The same keys with lifecycle times taken from {@code clock}; for the dev-mode {@code --now} override. */
  public ManagedKeys at(Clock other) {
    return new ManagedKeys(instance, rng, cache, other, directory);
  }

  Clock clock() {
    return clock;
  }

  sovereign.munin.keep.store.Database state() {
    return instance.state();
  }

  KeyCache cache() {
    return cache;
  }

  KeyDirectory directory() {
    return directory;
  }

  /**
   * The rotation policy a person asked for, each value the default where not given; values outside the policy's
   * bounds are bad input.
   */
  public static RotationPolicy policy(Integer rotationDays, Integer publishDays, Integer overlapDays) {
    RotationPolicy d = RotationPolicy.DEFAULT;
    try {
      return new RotationPolicy(rotationDays == null ? d.rotationDays() : rotationDays,
          publishDays == null ? d.publishDays() : publishDays, overlapDays == null ? d.overlapDays() : overlapDays);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-rotation-policy", e.getMessage());
    }
  }

  public KeyView create(String name, String project, String purpose, String type, RotationPolicy policy,
      String actor) {
    checkName(name);
    return createChecked(name, project, purpose, type, policy, actor);
  }

  /** Refuses a name people may not give a key (reserved names start with '_'). */
  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KeepException.badInput("bad-key-name", "a key name is 1-64 characters: lowercase letters, digits, "
          + "'.', '_' and '-', starting with a letter or digit");
    }
  }

  /** Creates without the name rule, so the instance can make reserved keys ("_" prefix) of its own. */
  KeyView createChecked(String name, String project, String purpose, String type, RotationPolicy policy,
      String actor) {
    String proj = requireText("project", project);
    KeyType kt = type == null || type.isBlank() ? KeyType.DEFAULT : KeyType.fromId(type);
    String purp = purpose == null || purpose.isBlank() ? kt.defaultPurpose() : requireText("purpose", purpose);
    RotationPolicy pol = policy == null ? RotationPolicy.DEFAULT : policy;
    boolean exists = instance.state().read(h -> h.attach(ManagedKeyDao.class).findKey(name)).isPresent();
    if (exists) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-exists", "a key named '" + name + "' exists");
    }
    long now = clock.millis();
    var key = new ManagedKeyRow(UUID.randomUUID().toString(), name, proj, purp, kt.id(), "active",
        pol.rotationDays(), pol.publishDays(), pol.overlapDays(), now);
    KeyVersionRow v1 = writes.newMaterial(key.id(), 1, kt, VersionState.ACTIVE, now);
    writes.committing(key.id(), 1, () -> instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.insertKey(key);
      dao.insertVersion(v1);
      writes.audit(h, actor, "key.create", key, Map.of("version", 1L, "type", kt.id(), "purpose", purp));
      return null;
    }));
    return show(name);
  }

  /** Activates the published next version (or makes one); the old active version verifies during the overlap. */
  public KeyView rotate(String name, String actor) {
    refuseReservedBut(TrustFiles.ROOT_KEY, name);
    StoredKey k = StoredKey.load(instance.state(), name);
    k.requireLive("rotate");
    long now = clock.millis();
    var published = k.inState(VersionState.PRE_ACTIVE);
    KeyVersionRow next = published.map(v -> VersionRows.activated(v, now))
        .orElseGet(() -> writes.newMaterial(k.key().id(), k.nextVersion(), k.type(), VersionState.ACTIVE, now));
    var old = k.inState(VersionState.ACTIVE);
    Runnable write = () -> instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      if (published.isPresent()) {
        dao.updateVersion(next);
      } else {
        dao.insertVersion(next);
      }
      old.ifPresent(o -> dao.updateVersion(VersionRows.overlapping(o,
          k.policy().overlapEnds(java.time.Instant.ofEpochMilli(now)).toEpochMilli())));
      writes.audit(h, actor, "key.rotate", k.key(), Map.of("version", (long) next.version(),
          "previous", old.map(o -> (long) o.version()).orElse(0L)));
      return null;
    });
    if (published.isPresent()) {
      write.run();
    } else {
      writes.committing(k.key().id(), next.version(), write);
    }
    return show(name);
  }

  /** Publishes the next version ahead of rotation, unless one is already waiting. */
  public KeyView publishNext(String name, String actor) {
    refuseReserved(name);
    StoredKey k = StoredKey.load(instance.state(), name);
    k.requireLive("publish a version of");
    if (k.inState(VersionState.PRE_ACTIVE).isEmpty()) {
      long now = clock.millis();
      KeyVersionRow next = writes.newMaterial(k.key().id(), k.nextVersion(), k.type(), VersionState.PRE_ACTIVE, now);
      writes.committing(k.key().id(), next.version(), () -> instance.state().transaction(h -> {
        h.attach(ManagedKeyDao.class).insertVersion(next);
        writes.audit(h, actor, "key.publish", k.key(), Map.of("version", (long) next.version()));
        return null;
      }));
    }
    return show(name);
  }

  /** Ends the overlap of versions whose overlap has run out. */
  public int retireExpired(String name, String actor) {
    return ends.retireExpired(name, actor, clock);
  }

  /** Marks versions compromised at once; with {@code version == null}, every version of the key. */
  public KeyView revoke(String name, Integer version, Instant compromisedAt, String reason, String actor) {
    refuseReservedBut(TrustFiles.ROOT_KEY, name);
    ends.revoke(name, version, compromisedAt, reason, actor, clock);
    return show(name);
  }

  /**
   * Archives the whole key (no version signs, verifies or decrypts any more; material stays, encrypted), or with
   * {@code version}, one retired version.
   */
  public KeyView archive(String name, Integer version, String actor) {
    refuseReserved(name);
    if (version != null) {
      ends.archiveVersion(name, version, actor, clock);
    } else {
      ends.archive(name, actor, clock);
    }
    return show(name);
  }

  /**
   * Wipes every version's material for good, or with {@code version} one archived or compromised version's; the
   * metadata and any revocation stay. A whole key must be archived first and takes two people: the first call
   * requests it ({@link #destructionRequestedBy} then names them), a second person's call destroys it. Repeating
   * it on a destroyed key is harmless.
   */
  public KeyView destroy(String name, Integer version, String actor) {
    refuseReserved(name);
    if (version != null) {
      ends.destroyVersion(name, version, actor, clock);
    } else {
      ends.destroy(name, actor, clock);
    }
    return show(name);
  }

  /**
   * Closes the versions below {@code minVersion} for decryption, deliberately (their signatures still verify):
   * after {@code keep key rewrap} moved the ciphertexts on, the owner makes the old material useless for reading.
   * The floor only rises, and never above the active version.
   */
  public KeyView closeDecryptionBelow(String name, int minVersion, String actor) {
    refuseReserved(name);
    StoredKey k = StoredKey.load(instance.state(), name);
    k.requireLive("change");
    if (k.type().signs()) {
      throw KeepException.badInput("wrong-key-purpose", "key '" + name + "' signs; only encryption and MAC keys "
          + "have a lowest version that still decrypts or checks");
    }
    int active = k.inState(VersionState.ACTIVE).map(KeyVersionRow::version).orElse(0);
    if (minVersion < 1 || minVersion > active) {
      throw KeepException.badInput("bad-min-version", "the lowest decrypting version of '" + name + "' must be "
          + "between 1 and the active version (" + active + "); got " + minVersion);
    }
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      int now = dao.decryptionFloor(k.key().id()).orElse(0);
      if (minVersion < now) {
        throw new KeepException(KeepException.Kind.CONFLICT, "min-version-lowered", "versions below " + now
            + " of '" + name + "' are already closed; a closed version is not opened again");
      }
      dao.clearDecryptionFloor(k.key().id());
      dao.setDecryptionFloor(k.key().id(), minVersion);
      writes.audit(h, actor, "key.min-decryption-version", k.key(), Map.of("version", (long) minVersion,
          "previous", (long) now));
      return null;
    });
    cache.evict(k.key().id());
    return show(name);
  }

  /** Who asked to destroy the whole key and awaits a second person; empty when nobody has. */
  public Optional<String> destructionRequestedBy(String name) {
    StoredKey k = StoredKey.load(instance.state(), name);
    return instance.state().read(h -> h.attach(ManagedKeyDao.class).destructionRequest(k.key().id()))
        .map(DestructionRequestRow::requestedBy);
  }

  /** The name of the project that owns key {@code name}, as committed now (answered from memory when unchanged). */
  /**
   * The project of a key that can still be used (active), for narrowing a token to it; a token for an archived or
   * destroyed key would be refused at every use, so it is refused now.
   */
  public String projectOfUsable(String name) {
    KeyView k = show(name);
    if (!k.status().equals("active")) {
      throw KeepException.badInput("token-key-not-usable", "key '" + name + "' is " + k.status() + " and can no "
          + "longer sign or decrypt; a token for it would be refused at every use");
    }
    return k.project();
  }

  public String projectOf(String name) {
    return directory.find(name).key().project();
  }

  public KeyView show(String name) {
    return KeyView.of(StoredKey.load(instance.state(), name));
  }

  public List<KeyView> list() {
    return StoredKey.all(instance.state()).stream().map(KeyView::of).toList();
  }

  /** Keys the instance made for itself (their names start with "_") are changed only by the instance. */
  static void refuseReserved(String name) {
    if (name != null && name.startsWith("_")) {
      throw new KeepException(KeepException.Kind.FORBIDDEN, "reserved-key", "key '" + name + "' belongs to the "
          + "instance itself and cannot be changed or used through this call");
    }
  }

  /**
   * As {@link #refuseReserved}, but lets {@code allowed} through: the root of trust is rotated on schedule like any
   * key, and revoked at once when compromised; it is never archived or destroyed (backups and trust files need it).
   */
  static void refuseReservedBut(String allowed, String name) {
    if (!allowed.equals(name)) {
      refuseReserved(name);
    }
  }

  static String requireText(String what, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      throw KeepException.badInput("bad-" + what, what + " must be 1-" + MAX_TEXT + " characters");
    }
    return value.strip();
  }
}
