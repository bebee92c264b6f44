package sovereign.munin.keep.app.seal;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;

/** A 256-bit AES-GCM root key held in process memory while unsealed. */
public final class SoftwareRootKey implements RootKey {

  private final SecretBytes key;

  /** Takes ownership of {@code key}: closing this root key wipes it. */
  public SoftwareRootKey(SecretBytes key) {
    if (key.length() != 32) {
      throw new IllegalArgumentException("the root key must be 32 bytes, not " + key.length());
    }
    this.key = key;
  }

  @Override
  public byte[] wrap(byte[] plaintext, byte[] associatedData) {
    try {
      return Aead.seal(key, plaintext, associatedData);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "wrap-failed", "could not wrap under the root key", e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
    try {
      return Aead.open(key, wrapped, associatedData);
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.BAD_INPUT, "unwrap-failed",
          "data did not decrypt under the root key: it was changed or belongs to another instance", e);
    }
  }

  @Override
  public void close() {
    key.close();
  }
}
