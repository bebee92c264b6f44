package sovereign.munin.keep.store;

import java.util.Objects;

/** How the root key is sealed: the kind, the share scheme and a check value that proves a key right. */
public record SealConfigRow(String kind, String instanceId, int shares, int threshold, byte[] keyCheck,
    long createdAt) {

  public SealConfigRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(keyCheck, "keyCheck");
    keyCheck = keyCheck.clone();
  }

  @Override
  public byte[] keyCheck() {
    return keyCheck.clone();
  }
}
