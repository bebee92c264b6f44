package sovereign.munin.keep.app.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPrivateKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Shamir;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signatures;

/**
 * Opens a backup with no server: checks the manifest signature (against a pinned root of trust when given), the
 * payload hash, decrypts the custodians' shares, recombines the backup key and decrypts the payload.
 */
public final class BackupReader {

  /**
   * A verified, decrypted backup; {@code payload} holds private material, so callers keep it briefly.
   * {@code probesDecrypted} counts the encryption keys whose restore probe (a ciphertext made at backup time)
   * decrypted with the backed-up material.
   */
  public record Opened(JsonNode manifest, JsonNode payload, String signerKeyId, int probesDecrypted) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private BackupReader() {}

  /** Opens a backup with its custodians' keys: recovers the backup key, then {@link #openWithKey}. */
  public static Opened open(BackupBundle b, List<HybridPrivateKey> custodians, String pinnedRootKeyId) {
    JsonNode manifest = verifiedManifest(b, pinnedRootKeyId);
    try (SecretBytes key = recoverKey(b, manifest, custodians)) {
      return decrypt(b, manifest, key, signer(b));
    }
  }

  /**
   * Opens a backup whose key the custodians recovered on their side: checks the manifest signature (against the
   * pinned root of trust when given), the payload hash, decrypts the payload and its restore probes. What a server
   * restores from must pass all of this on the server, whatever a client says it checked.
   */
  public static Opened openWithKey(BackupBundle b, SecretBytes backupKey, String pinnedRootKeyId) {
    JsonNode manifest = verifiedManifest(b, pinnedRootKeyId);
    return decrypt(b, manifest, backupKey, signer(b));
  }

  /** The backup key, recombined from at least the threshold of custodians' shares; the caller closes it. */
  public static SecretBytes recoverKey(BackupBundle b, List<HybridPrivateKey> custodians, String pinnedRootKeyId) {
    return recoverKey(b, verifiedManifest(b, pinnedRootKeyId), custodians);
  }

  private static String signer(BackupBundle b) {
    try {
      return KeyId.of(Pem.parsePublicKey(b.signerPem()));
    } catch (KeepCryptoException e) {
      throw bad("backup-manifest-invalid", "the manifest's signer key is malformed: " + e.getMessage());
    }
  }

  private static JsonNode verifiedManifest(BackupBundle b, String pinnedRootKeyId) {
    JsonNode manifest;
    String signer;
    try {
      var pub = Pem.parsePublicKey(b.signerPem());
      signer = KeyId.of(pub);
      if (!Signatures.verifier(SignatureAlgorithm.ML_DSA_65, pub).verify(b.manifest(), b.manifestSignature())) {
        throw bad("backup-manifest-invalid", "the manifest signature does not verify: the manifest was altered");
      }
      manifest = JSON.readTree(b.manifest());
    } catch (KeepCryptoException | IOException e) {
      throw bad("backup-manifest-invalid", "the manifest or its signer key is malformed: " + e.getMessage());
    }
    if (pinnedRootKeyId != null && !pinnedRootKeyId.equals(signer)) {
      throw bad("backup-wrong-signer", "the manifest is signed by " + signer + ", not by the pinned root of trust "
          + pinnedRootKeyId);
    }
    String hash = KeyUse.sha256Hex(b.payload());
    if (!MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        manifest.path("payloadSha256").asText().getBytes(StandardCharsets.US_ASCII))) {
      throw bad("backup-payload-altered", "the payload does not match the manifest's SHA-256");
    }
    return manifest;
  }

  private static SecretBytes recoverKey(BackupBundle b, JsonNode manifest, List<HybridPrivateKey> custodians) {
    int threshold = manifest.path("threshold").asInt();
    byte[] aad = (KeyBackups.SHARE_AAD + manifest.path("payloadSha256").asText()).getBytes(StandardCharsets.UTF_8);
    List<Shamir.Share> parts = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (HybridPrivateKey c : custodians) {
      if (!seen.add(c.publicKey().keyId())) {
        continue; // the same custodian twice is one share, not two
      }
      var share = b.shares().stream().filter(s -> s.recipientKeyId().equals(c.publicKey().keyId())).findFirst()
          .orElseThrow(() -> bad("backup-not-a-recipient", "custodian key " + c.publicKey().keyId()
              + " is not a recipient of this backup"));
      byte[] raw = null;
      try {
        raw = HybridEncryption.decrypt(c, share.ciphertext(), aad);
        parts.add(new Shamir.Share(raw[0] & 0xFF, Arrays.copyOfRange(raw, 1, raw.length)));
      } catch (KeepCryptoException | RuntimeException e) {
        throw bad("backup-share-invalid", "the share for " + c.publicKey().keyId() + " does not decrypt: "
            + e.getMessage());
      } finally {
        if (raw != null) {
          Arrays.fill(raw, (byte) 0);
        }
      }
    }
    if (parts.size() < threshold) {
      throw bad("backup-shares-missing", "this backup needs " + threshold + " custodians, " + parts.size()
          + " given");
    }
    try {
      return Shamir.combine(parts);
    } catch (KeepCryptoException e) {
      throw bad("backup-shares-invalid", "the shares do not recover the backup key: " + e.getMessage());
    }
  }

  private static Opened decrypt(BackupBundle b, JsonNode manifest, SecretBytes key, String signer) {
    try {
      byte[] plain = Aead.open(key, b.payload(), (KeyBackups.PAYLOAD_AAD + manifest.path("instance").asText())
          .getBytes(StandardCharsets.UTF_8));
      try {
        JsonNode payload = JSON.readTree(plain);
        if (payload.path("keys").size() != manifest.path("keys").size()) {
          throw bad("backup-payload-altered", "the payload's keys do not match the manifest");
        }
        int probes = 0;
        for (JsonNode k : payload.path("keys")) {
          if (k.path("id").isTextual() && RestoreProbe.check(k, k.path("id").asText())) {
            probes++;
          }
        }
        return new Opened(manifest, payload, signer, probes);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (KeepCryptoException | IOException e) {
      throw bad("backup-shares-invalid", "the backup key does not open the payload: " + e.getMessage());
    }
  }

  private static KeepException bad(String type, String message) {
    return KeepException.badInput(type, message);
  }
}
