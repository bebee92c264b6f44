package sovereign.munin.keep.app.keys;

import java.util.List;

/**
 * An encrypted key backup: a signed manifest, the payload sealed under a one-time backup key, and one Shamir
 * share of that key per custodian, each encrypted to the custodian's hybrid ML-KEM-768 + X25519 public key.
 *
 * @param manifest          canonical JSON: instance, time, threshold, recipients, payload hash, key list
 * @param manifestSignature ML-DSA-65 signature of the manifest bytes by {@code signerPem}
 * @param signerPem         the instance's root-of-trust public key (PEM SPKI)
 * @param payload           AES-256-GCM ({@code Aead}) sealed key material and metadata
 */
public record BackupBundle(byte[] manifest, byte[] manifestSignature, String signerPem, byte[] payload,
    List<Share> shares) {

  /** One custodian's encrypted share, named by the custodian's hybrid key id. */
  public record Share(String recipientKeyId, byte[] ciphertext) {}

  public BackupBundle {
    shares = List.copyOf(shares);
  }
}
