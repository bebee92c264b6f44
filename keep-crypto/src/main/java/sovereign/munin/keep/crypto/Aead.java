package sovereign.munin.keep.crypto;

import java.util.Arrays;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.AesGcm;
import sovereign.munin.keep.crypto.internal.Jca;

/**
 * AES-256-GCM authenticated encryption with a versioned self-describing format: 1 byte version (0x01) ||
 * 12-byte random nonce || ciphertext||tag.
 *
 * <p>The 16-byte tag ends the output, so a sealed value is always 29 bytes longer than its plaintext. Random
 * 96-bit nonces keep a single key safe for about 2^32 seals (NIST SP 800-38D); rotate keys well before that.
 * A {@code null} associated data is the same as an empty one (GCM cannot tell them apart).
 */
public final class Aead {
    public static final byte VERSION_1 = 0x01;
    /** Bytes that sealing adds to the plaintext: version, nonce and tag. */
    public static final int OVERHEAD = 1 + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES;

    private static final String AUTH_FAILED =
            "AEAD authentication failed: wrong key, wrong associated data, or the sealed data was altered or truncated";

    private Aead() {}

    public static byte[] seal(SecretBytes key, byte[] plaintext, byte[] associatedData) throws KeepCryptoException {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] k = keyBytes(key);
        try {
            byte[] nonce = new byte[AesGcm.NONCE_BYTES];
            Jca.random().nextBytes(nonce);
            byte[] body = AesGcm.encrypt(k, nonce, plaintext, orEmpty(associatedData));
            byte[] out = new byte[1 + nonce.length + body.length];
            out[0] = VERSION_1;
            System.arraycopy(nonce, 0, out, 1, nonce.length);
            System.arraycopy(body, 0, out, 1 + nonce.length, body.length);
            return out;
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public static byte[] open(SecretBytes key, byte[] sealed, byte[] associatedData) throws KeepCryptoException {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < OVERHEAD) {
            throw new KeepCryptoException("sealed data is truncated: " + sealed.length + " bytes, at least "
                    + OVERHEAD + " expected (version, nonce, tag)");
        }
        if (sealed[0] != VERSION_1) {
            throw new KeepCryptoException(String.format(
                    "unsupported AEAD format version 0x%02x (this build reads 0x01)", sealed[0] & 0xFF));
        }
        byte[] k = keyBytes(key);
        try {
            byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + AesGcm.NONCE_BYTES);
            return AesGcm.decrypt(k, nonce, sealed, 1 + AesGcm.NONCE_BYTES, orEmpty(associatedData), AUTH_FAILED);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static byte[] keyBytes(SecretBytes key) throws KeepCryptoException {
        Objects.requireNonNull(key, "key");
        if (key.length() != AesGcm.KEY_BYTES) {
            throw new KeepCryptoException("AES-256-GCM key must be 32 bytes, was " + key.length());
        }
        return key.copyBytes();
    }

    private static byte[] orEmpty(byte[] associatedData) {
        return associatedData == null ? new byte[0] : associatedData;
    }
}
