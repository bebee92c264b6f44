package sovereign.munin.keep.store.keys;

import java.util.Objects;

/** A request to import outside key material, waiting for a second person; its material is in the key store. */
public record KeyImportRow(String name, String keyId, String project, String purpose, String keyType,
    byte[] publicKey, String publicKeyId, int rotationDays, int publishDays, int overlapDays, String requestedBy,
    long requestedAt) {

  public KeyImportRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(requestedBy, "requestedBy");
  }
}
