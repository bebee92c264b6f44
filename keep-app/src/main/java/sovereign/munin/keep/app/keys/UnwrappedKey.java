package sovereign.munin.keep.app.keys;

import sovereign.munin.keep.crypto.HybridPrivateKey;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Signer;

/** A key version's private half, opened under the root key and held only while unsealed. */
sealed interface UnwrappedKey {

  /** Drops what can be wiped. */
  default void wipe() { }

  /** A signature key, self-tested. */
  record Signing(Signer signer) implements UnwrappedKey { }

  /** An AES-256-GCM key. */
  record Symmetric(SecretBytes key) implements UnwrappedKey {
    @Override
    public void wipe() {
      key.close();
    }
  }

  /** A hybrid ML-KEM-768 + X25519 private key. */
  record Hybrid(HybridPrivateKey key) implements UnwrappedKey { }
}
