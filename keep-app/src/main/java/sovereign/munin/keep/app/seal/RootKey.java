package sovereign.munin.keep.app.seal;

/**
 * The root key-encryption key, usable only while unsealed: it wraps and unwraps data keys and never hands out its
 * own bytes, so a software key and a key inside an HSM look the same to callers.
 */
public interface RootKey extends AutoCloseable {

  /** Authenticated encryption of {@code plaintext} bound to {@code associatedData}. */
  byte[] wrap(byte[] plaintext, byte[] associatedData);

  /** Reverses {@link #wrap}; throws {@link sovereign.munin.keep.app.KeepException} on any mismatch. */
  byte[] unwrap(byte[] wrapped, byte[] associatedData);

  /** Wipes the key from memory (or drops the token session). */
  @Override
  void close();
}
