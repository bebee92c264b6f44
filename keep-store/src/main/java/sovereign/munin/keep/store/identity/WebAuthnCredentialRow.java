package sovereign.munin.keep.store.identity;

import java.util.Objects;

/**
 * A registered WebAuthn credential: {@code attestedData} holds the authenticator's attested credential data
 * (AAGUID, credential id, COSE public key); {@code signCount} is the last signature counter seen.
 */
public record WebAuthnCredentialRow(String id, String userId, String credentialId, byte[] attestedData,
    long signCount, String transports, String label, long createdAt, Long lastUsedAt) {

  public WebAuthnCredentialRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(attestedData, "attestedData");
    Objects.requireNonNull(transports, "transports");
    Objects.requireNonNull(label, "label");
  }

  @Override
  public String toString() {
    return "WebAuthnCredentialRow[id=" + id + ", user=" + userId + ", signCount=" + signCount + "]";
  }
}
