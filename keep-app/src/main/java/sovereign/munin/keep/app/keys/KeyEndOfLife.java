package sovereign.munin.keep.app.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.store.keys.DestructionRequestRow;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/**
 * The transitions that end a key's or a version's use: retiring versions whose overlap ran out, revoking
 * (compromised, at once), archiving and destroying. Each is one state transaction with its audit event; the
 * opened private material of the key is dropped from memory as soon as it commits.
 */
final class KeyEndOfLife {

  /** How long a request to destroy a key waits for its second person. */
  static final java.time.Duration REQUEST_LIFETIME = java.time.Duration.ofDays(7);

  private final KeepInstance instance;
  private final KeyCache cache;
  private final KeyWrites writes;

  KeyEndOfLife(KeepInstance instance, KeyCache cache, KeyWrites writes) {
    this.instance = instance;
    this.cache = cache;
    this.writes = writes;
  }

  int retireExpired(String name, String actor, Clock clock) {
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

  void revoke(String name, Integer version, Instant compromisedAt, String reason, String actor, Clock clock) {
    StoredKey k = StoredKey.load(instance.state(), name);
    String why = ManagedKeys.requireText("reason", reason);
    if (compromisedAt == null) {
      throw KeepException.badInput("compromise-time-missing", "give the time of compromise, e.g. "
          + "--compromised-at 2026-11-23T10:00:00Z (if unknown, the earliest time it could have happened)");
    }
    long now = clock.millis();
    if (compromisedAt.toEpochMilli() > now) {
      throw KeepException.badInput("compromise-time-future", "the compromise time " + compromisedAt + " is in the "
          + "future; a revocation takes effect now and records when the key was compromised");
    }
    // Without a version: every version but one published ahead after the compromise time (it has never signed or
    // encrypted and did not exist then: it is what the owner moves to) and one destroyed before it (its material
    // was gone by then).
    long at = compromisedAt.toEpochMilli();
    List<KeyVersionRow> targets = version != null ? List.of(k.requireVersion(version))
        : k.versions().stream().filter(v -> VersionRows.state(v) != VersionState.COMPROMISED)
            .filter(v -> !(VersionRows.state(v) == VersionState.PRE_ACTIVE && v.createdAt() > at))
            .filter(v -> v.destroyedAt() == null || v.destroyedAt() >= at).toList();
    if (targets.isEmpty()) {
      throw KeepException.badInput("nothing-to-revoke", "every version of key '" + name + "' is already revoked, "
          + "was published after " + compromisedAt + " or destroyed before it; name one with --version N to revoke "
          + "it anyway");
    }
    List<Long> numbers = new ArrayList<>();
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      for (KeyVersionRow v : targets) {
        dao.updateVersion(VersionRows.compromised(v, compromisedAt.toEpochMilli(), why));
        // Verification of this version from now on trusts only signatures logged before the compromise time.
        dao.forgetSettled(k.key().id(), v.version());
        dao.settleBefore(k.key().id(), v.version(), compromisedAt.toEpochMilli());
        numbers.add((long) v.version());
      }
      writes.audit(h, actor, "key.revoke", k.key(), Map.of("versions", List.copyOf(numbers),
          "compromisedAt", compromisedAt.toString()));
      return null;
    });
    cache.evict(k.key().id());
  }

  void archive(String name, String actor, Clock clock) {
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
  }

  /**
   * Destroys a whole key, with two people: the key must be archived first; the first call records the request
   * ({@code key.destroy-request}), and a call by someone else within {@link #REQUEST_LIFETIME} destroys it
   * ({@code key.destroy}, naming both). The requester cannot confirm their own request. Destroying a destroyed key
   * again changes nothing.
   */
  void destroy(String name, String actor, Clock clock) {
    StoredKey k = StoredKey.load(instance.state(), name);
    String status = k.key().status();
    if (status.equals("destroyed")) {
      return;
    }
    if (!status.equals("archived")) {
      throw new KeepException(KeepException.Kind.CONFLICT, "key-not-archived", "key '" + name + "' is " + status
          + "; archive it first ('keep key archive " + name + "'): it then no longer signs or decrypts, and a "
          + "second person confirms the destruction");
    }
    long now = clock.millis();
    Optional<DestructionRequestRow> pending = instance.state().read(h -> h.attach(ManagedKeyDao.class)
        .destructionRequest(k.key().id())).filter(r -> now - r.requestedAt() < REQUEST_LIFETIME.toMillis());
    if (pending.isEmpty()) {
      instance.state().transaction(h -> {
        var dao = h.attach(ManagedKeyDao.class);
        dao.clearDestructionRequest(k.key().id());
        dao.requestDestruction(k.key().id(), actor, now);
        writes.audit(h, actor, "key.destroy-request", k.key(), Map.of());
        return null;
      });
      return;
    }
    String requester = pending.get().requestedBy();
    if (requester.equals(actor)) {
      throw new KeepException(KeepException.Kind.CONFLICT, "second-person-required", "you asked to destroy key '"
          + name + "'; another person who manages keys in project '" + k.key().project() + "' must confirm it "
          + "('keep key destroy " + name + "')");
    }
    // Metadata first, so nothing uses the key once this returns, even if wiping below must be retried.
    instance.state().transaction(h -> {
      var dao = h.attach(ManagedKeyDao.class);
      dao.setStatus(k.key().id(), "destroyed");
      k.versions().stream().filter(v -> v.destroyedAt() == null)
          .forEach(v -> dao.updateVersion(VersionRows.destroyed(v, now)));
      dao.clearDestructionRequest(k.key().id());
      writes.audit(h, actor, "key.destroy", k.key(), Map.of("requestedBy", requester));
      return null;
    });
    cache.evict(k.key().id());
    instance.keys().transaction(h -> h.attach(KeyMaterialDao.class).destroyAll(k.key().id(), now));
  }

  /**
   * Archives one retired version: it no longer verifies or decrypts, its material stays encrypted until destroyed.
   * Versions still in service are refused, and a compromised one keeps its state (destroy it directly).
   */
  void archiveVersion(String name, int version, String actor, Clock clock) {
    StoredKey k = StoredKey.load(instance.state(), name);
    KeyVersionRow v = k.requireVersion(version);
    VersionState st = VersionRows.state(v);
    if (st != VersionState.RETIRED) {
      throw new KeepException(KeepException.Kind.CONFLICT, "version-not-retired", "version " + version + " of '"
          + name + "' is " + v.state() + "; only a retired version can be archived (rotate, and wait out the "
          + "overlap)");
    }
    long now = clock.millis();
    instance.state().transaction(h -> {
      h.attach(ManagedKeyDao.class).updateVersion(VersionRows.archived(v, now));
      writes.audit(h, actor, "key.archive", k.key(), Map.of("version", (long) version));
      return null;
    });
    cache.evict(k.key().id());
  }

  /** Destroys one archived or compromised version: its material is wiped for good, its metadata stays. */
  void destroyVersion(String name, int version, String actor, Clock clock) {
    StoredKey k = StoredKey.load(instance.state(), name);
    KeyVersionRow v = k.requireVersion(version);
    VersionState st = VersionRows.state(v);
    if (st != VersionState.ARCHIVED && st != VersionState.COMPROMISED && st != VersionState.DESTROYED) {
      throw new KeepException(KeepException.Kind.CONFLICT, "version-not-archived", "version " + version + " of '"
          + name + "' is " + v.state() + "; archive it first ('keep key archive " + name + " --version " + version
          + "')");
    }
    long now = clock.millis();
    instance.state().transaction(h -> {
      if (v.destroyedAt() == null) {
        h.attach(ManagedKeyDao.class).updateVersion(VersionRows.destroyed(v, now));
      }
      writes.audit(h, actor, "key.destroy", k.key(), Map.of("version", (long) version));
      return null;
    });
    cache.evict(k.key().id());
    instance.keys().transaction(h -> h.attach(KeyMaterialDao.class).destroyVersion(k.key().id(), version, now));
  }
}
