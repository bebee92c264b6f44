package sovereign.munin.keep.app.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
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

  public ManagedKeys(KeepInstance instance, SecureRandom rng) {
    this(instance, rng, new KeyCache(256), instance.clock());
  }

  private ManagedKeys(KeepInstance instance, SecureRandom rng, KeyCache cache, Clock clock) {
    this.instance = instance;
    this.rng = rng;
    this.cache = cache;
    this.clock = clock;
    this.writes = new KeyWrites(instance, rng);
  }

  /** The same keys with lifecycle times taken from {@code clock}; for the dev-mode {@code --now} override. */
  public ManagedKeys at(Clock other) {
    return new ManagedKeys(instance, rng, cache, other);
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

  public KeyView create(String name, String project, String purpose, String type, RotationPolicy policy,
      String actor) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KeepException.badInput("bad-key-name", "a key name is 1-64 characters: lowercase letters, digits, "
          + "'.', '_' and '-', starting with a letter or digit");
    }
    return createChecked(name, project, purpose, type, policy, actor);
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
    refuseReserved(name);
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
      old.ifPresent(o -> dao.updateVersion(VersionRows.overlapping(o, now + k.policy().overlap().toMillis())));
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
    StoredKey k = StoredKey.load(instance.state(), name);
    long now = clock.millis();
    List<KeyVersionRow> due = k.versions().stream().filter(v -> VersionRows.state(v) == VersionState.OVERLAP
        && v.overlapUntil() != null && v.overlapUntil() <= now).toList();
    if (!due.isEmpty()) {
      instance.state().transaction(h -> {
        var dao = h.attach(ManagedKeyDao.class);
        for (KeyVersionRow v : due) {
          dao.updateVersion(VersionRows.retired(v, now));
          writes.audit(h, actor, "key.retire", k.key(), Map.of("version", (long) v.version()));
        }
        return null;
      });
    }
    return due.size();
  }

  /** Marks versions compromised at once; with {@code version == null}, every version of the key. */
  public KeyView revoke(String name, Integer version, Instant compromisedAt, String reason, String actor) {
    refuseReserved(name);
    StoredKey k = StoredKey.load(instance.state(), name);
    String why = requireText("reason", reason);
    if (compromisedAt == null) {
      throw KeepException.badInput("compromise-time-missing", "give the time of compromise, e.g. "
          + "--compromised-at 2026-11-23T10:00:00Z (if unknown, the earliest time it could have happened)");
    }
    long now = clock.millis();
    if (compromisedAt.toEpochMilli() > now) {
      throw KeepException.badInput("compromise-time-future", "the compromise time " + compromisedAt + " is in the "
          + "future; a revocation takes effect now and records when the key was compromised");
    }
    List<KeyVersionRow> targets = version != null ? List.of(k.requireVersion(version))
        : k.versions().stream().filter(v -> VersionRows.state(v) != VersionState.COMPROMISED).toList();
    List<Long> numbers = new ArrayList<>();
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      for (KeyVersionRow v : targets) {
        dao.updateVersion(VersionRows.compromised(v, compromisedAt.toEpochMilli(), why));
        numbers.add((long) v.version());
      }
      writes.audit(h, actor, "key.revoke", k.key(), Map.of("versions", List.copyOf(numbers),
          "compromisedAt", compromisedAt.toString()));
      return null;
    });
    cache.evict(k.key().id());
    return show(name);
  }

  /** Archives the whole key: no version signs, verifies or decrypts any more; material stays, encrypted. */
  public KeyView archive(String name, String actor) {
    refuseReserved(name);
    StoredKey k = StoredKey.load(instance.state(), name);
    k.requireLive("archive");
    long now = clock.millis();
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.setStatus(k.key().id(), "archived");
      k.versions().stream().filter(v -> VersionRows.state(v) != VersionState.COMPROMISED)
          .forEach(v -> dao.updateVersion(VersionRows.archived(v, now)));
      writes.audit(h, actor, "key.archive", k.key(), Map.of());
      return null;
    });
    cache.evict(k.key().id());
    return show(name);
  }

  /** Wipes every version's material for good; the metadata and any revocation stay. Repeating it is harmless. */
  public KeyView destroy(String name, String actor) {
    refuseReserved(name);
    StoredKey k = StoredKey.load(instance.state(), name);
    long now = clock.millis();
    // Metadata first, so nothing uses the key once this returns, even if wiping below must be retried.
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.setStatus(k.key().id(), "destroyed");
      k.versions().stream().filter(v -> v.destroyedAt() == null)
          .forEach(v -> dao.updateVersion(VersionRows.destroyed(v, now)));
      writes.audit(h, actor, "key.destroy", k.key(), Map.of());
      return null;
    });
    cache.evict(k.key().id());
    instance.keys().transaction(h -> h.attach(KeyMaterialDao.class).destroyAll(k.key().id(), now));
    return show(name);
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

  static String requireText(String what, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      throw KeepException.badInput("bad-" + what, what + " must be 1-" + MAX_TEXT + " characters");
    }
    return value.strip();
  }
}
