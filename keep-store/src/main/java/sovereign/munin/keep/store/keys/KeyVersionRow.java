package sovereign.munin.keep.store.keys;

import java.util.Objects;

/** One version of a managed key: its state, public half and lifecycle times (epoch milliseconds). */
public record KeyVersionRow(String keyId, int version, String state, byte[] publicKey, String publicKeyId,
    long createdAt, Long activatedAt, Long overlapUntil, Long retiredAt, Long archivedAt, Long destroyedAt,
    Long compromisedAt, String compromiseReason, long useCount) {

  public KeyVersionRow {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(state, "state");
  }
}
