package sovereign.munin.keep.crypto.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import sovereign.munin.keep.crypto.KeepCryptoException;

/** AES-256-GCM with a 96-bit nonce and 128-bit tag, on raw key bytes that the caller owns and wipes. */
public final class AesGcm {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private AesGcm() {}

    /** Returns ciphertext || tag. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws KeepCryptoException {
        try {
            Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts ciphertext || tag found at {@code offset} of {@code input}; throws on any authentication failure. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] input, int offset, byte[] associatedData,
            String failureMessage) throws KeepCryptoException {
        try {
            Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (AEADBadTagException e) {
            // No cause attached: the tag check says nothing more useful, and a short message cannot leak.
            throw new KeepCryptoException(failureMessage);
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException(failureMessage + " (" + e.getMessage() + ")", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new KeepCryptoException("AES-256-GCM key must be 32 bytes, was " + key.length);
        }
        Cipher cipher = Jca.aesGcm();
        // SecretKeySpec keeps its own copy and cannot be destroyed in JDK 25; it dies with this short-lived Cipher.
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher;
    }
}
