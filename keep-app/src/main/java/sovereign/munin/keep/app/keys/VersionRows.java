package sovereign.munin.keep.app.keys;

import sovereign.munin.keep.store.keys.KeyVersionRow;

/** The lifecycle transitions of a stored key version, as new rows. */
final class VersionRows {

  private VersionRows() {}

  static VersionState state(KeyVersionRow v) {
    return VersionState.fromId(v.state());
  }

  static KeyVersionRow created(String keyId, int version, VersionState state, KeyMaterial.Generated g, long now) {
    return new KeyVersionRow(keyId, version, state.id(), g.publicKey(), g.publicKeyId(), now,
        state == VersionState.ACTIVE ? now : null, null, null, null, null, null, null, 0);
  }

  static KeyVersionRow activated(KeyVersionRow v, long now) {
    return new KeyVersionRow(v.keyId(), v.version(), VersionState.ACTIVE.id(), v.publicKey(), v.publicKeyId(),
        v.createdAt(), now, null, null, null, null, null, null, v.useCount());
  }

  static KeyVersionRow overlapping(KeyVersionRow v, long until) {
    return new KeyVersionRow(v.keyId(), v.version(), VersionState.OVERLAP.id(), v.publicKey(), v.publicKeyId(),
        v.createdAt(), v.activatedAt(), until, null, null, null, null, null, v.useCount());
  }

  static KeyVersionRow retired(KeyVersionRow v, long now) {
    return new KeyVersionRow(v.keyId(), v.version(), VersionState.RETIRED.id(), v.publicKey(), v.publicKeyId(),
        v.createdAt(), v.activatedAt(), v.overlapUntil(), now, null, null, null, null, v.useCount());
  }

  static KeyVersionRow archived(KeyVersionRow v, long now) {
    return new KeyVersionRow(v.keyId(), v.version(), VersionState.ARCHIVED.id(), v.publicKey(), v.publicKeyId(),
        v.createdAt(), v.activatedAt(), v.overlapUntil(), v.retiredAt(), now, null, null, null, v.useCount());
  }

  /** Destroyed; a compromised version stays compromised (its revocation must outlive the material). */
  static KeyVersionRow destroyed(KeyVersionRow v, long now) {
    String st = state(v) == VersionState.COMPROMISED ? v.state() : VersionState.DESTROYED.id();
    return new KeyVersionRow(v.keyId(), v.version(), st, v.publicKey(), v.publicKeyId(), v.createdAt(),
        v.activatedAt(), v.overlapUntil(), v.retiredAt(), v.archivedAt(), now, v.compromisedAt(),
        v.compromiseReason(), v.useCount());
  }

  static KeyVersionRow compromised(KeyVersionRow v, long at, String reason) {
    return new KeyVersionRow(v.keyId(), v.version(), VersionState.COMPROMISED.id(), v.publicKey(), v.publicKeyId(),
        v.createdAt(), v.activatedAt(), v.overlapUntil(), v.retiredAt(), v.archivedAt(), v.destroyedAt(), at, reason,
        v.useCount());
  }
}
