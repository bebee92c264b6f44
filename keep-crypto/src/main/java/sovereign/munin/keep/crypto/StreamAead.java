package sovereign.munin.keep.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import sovereign.munin.keep.crypto.internal.Jca;

/**
 * AES-256-GCM over a stream of any length, in segments, so neither side holds the whole input: a 7-byte random
 * nonce prefix, then segments of {@link #SEGMENT} plaintext bytes (the last one shorter, possibly empty), each
 * sealed with nonce = prefix || 4-byte big-endian segment number || 1 byte (1 on the last segment, else 0) and
 * associated data = the caller's {@code aad} || prefix. Reordered, dropped, truncated or appended segments fail to
 * open; the last-segment flag makes a cut at a segment boundary fail too. A key must seal one stream only (use a
 * fresh data key per stream): the segment numbers restart with every stream.
 */
public final class StreamAead {

    /** Plaintext bytes per segment. */
    public static final int SEGMENT = 64 * 1024;
    /** The random nonce prefix written before the segments. */
    public static final int PREFIX = 7;
    private static final int TAG = 16;

    private StreamAead() {}

    /** Seals {@code in} to {@code out} under the 32-byte {@code key}; returns the plaintext length. */
    public static long seal(byte[] key, byte[] aad, InputStream in, OutputStream out) throws KeepCryptoException,
            IOException {
        byte[] prefix = new byte[PREFIX];
        Jca.random().nextBytes(prefix);
        out.write(prefix);
        byte[] ad = concat(aad, prefix);
        byte[] current = in.readNBytes(SEGMENT);
        long total = 0;
        for (int i = 0; ; i++) {
            byte[] next = current.length < SEGMENT ? new byte[0] : in.readNBytes(SEGMENT);
            boolean last = current.length < SEGMENT || next.length == 0;
            out.write(gcm(Cipher.ENCRYPT_MODE, key, prefix, i, last, ad, current, current.length));
            total += current.length;
            if (last) {
                return total;
            }
            current = next;
        }
    }

    /**
     * Opens what {@link #seal} wrote, writing plaintext to {@code out} segment by segment: on failure some plaintext
     * may already be written, so write to a temporary place and keep it only when this returns.
     */
    public static long open(byte[] key, byte[] aad, InputStream in, OutputStream out) throws KeepCryptoException,
            IOException {
        byte[] prefix = in.readNBytes(PREFIX);
        if (prefix.length != PREFIX) {
            throw new KeepCryptoException("the stream is truncated: no nonce prefix");
        }
        byte[] ad = concat(aad, prefix);
        byte[] current = in.readNBytes(SEGMENT + TAG);
        long total = 0;
        for (int i = 0; ; i++) {
            if (i < 0) {
                throw new KeepCryptoException("the stream has too many segments");
            }
            // A full segment followed by nothing was sealed as last only if the plaintext ended there.
            byte[] next = current.length < SEGMENT + TAG ? new byte[0] : in.readNBytes(SEGMENT + TAG);
            boolean last = next.length == 0;
            if (current.length < TAG) {
                throw new KeepCryptoException("the stream is truncated");
            }
            byte[] plain = gcm(Cipher.DECRYPT_MODE, key, prefix, i, last, ad, current, current.length);
            out.write(plain);
            total += plain.length;
            Arrays.fill(plain, (byte) 0);
            if (last) {
                return total;
            }
            current = next;
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] prefix, int segment, boolean last, byte[] ad, byte[] data,
            int len) throws KeepCryptoException {
        if (key == null || key.length != 32) {
            throw new KeepCryptoException("a stream key is 32 bytes (AES-256)");
        }
        byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
        try {
            Cipher c = Jca.aesGcm();
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(ad);
            return c.doFinal(data, 0, len);
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException(mode == Cipher.DECRYPT_MODE ? "segment " + segment + " does not open: "
                    + "wrong key, or the stream was altered, reordered or truncated" : "sealing failed: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] aa = a == null ? new byte[0] : a;
        byte[] r = Arrays.copyOf(aa, aa.length + b.length);
        System.arraycopy(b, 0, r, aa.length, b.length);
        return r;
    }
}
