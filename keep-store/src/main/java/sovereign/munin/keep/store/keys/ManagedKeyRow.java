package sovereign.munin.keep.store.keys;

import java.util.Objects;

/** A managed key's metadata as stored in the state database. */
public record ManagedKeyRow(String id, String name, String project, String purpose, String keyType, String status,
    int rotationDays, int publishDays, int overlapDays, long createdAt) {

  public ManagedKeyRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(status, "status");
  }
}
