package sovereign.munin.keep.log.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The exact bytes each signature type signs, per C2SP signed-note and tlog-cosignature. */
public final class SignedMessages {

    private static final byte[] SUBTREE_LABEL = "subtree/v1\n\0".getBytes(StandardCharsets.US_ASCII);

    private SignedMessages() {}

    /** Ed25519 and ML-DSA-65 note signatures sign the note text itself. */
    public static byte[] noteText(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code cosignature/v1}: a header line, a time line with the decimal timestamp, then the whole note text. */
    public static byte[] cosignatureV1(long timestamp, String text) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code subtree/v1} {@code cosigned_message} of tlog-cosignature for a whole checkpoint (start 0): label,
     * cosigner name, timestamp, origin, start, end, root. Extension lines are not covered.
     *
     * @throws IllegalArgumentException if the name or origin is not 1 to 255 bytes of UTF-8
     */
    public static byte[] subtreeV1(String cosignerName, long timestamp, String origin, long treeSize, byte[] root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(SUBTREE_LABEL);
        writeShortString(out, cosignerName, "cosigner name");
        writeUint64(out, timestamp);
        writeShortString(out, origin, "log origin");
        writeUint64(out, 0);
        writeUint64(out, treeSize);
        out.writeBytes(root);
        return out.toByteArray();
    }

    /** Whether {@code text} fits a TLS {@code opaque<1..2^8-1>} field. */
    public static boolean fitsShortString(String text) {
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        return length >= 1 && length <= 255;
    }

    private static void writeShortString(ByteArrayOutputStream out, String text, String what) {
        if (!fitsShortString(text)) {
            throw new IllegalArgumentException(what + " must be 1 to 255 bytes of UTF-8");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeUint64(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }
}
