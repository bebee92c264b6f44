package sovereign.munin.keep.crypto.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sovereign.munin.keep.crypto.KeepCryptoException;

/**
 * The little DER this module needs: build a SEQUENCE, split one into its elements, read an OID or a small
 * INTEGER. Strict: definite minimal lengths, low tag numbers, no trailing bytes.
 */
public final class Der {
    public static final int TAG_INTEGER = 0x02;
    public static final int TAG_OID = 0x06;
    public static final int TAG_SEQUENCE = 0x30;

    private Der() {}

    /** A SEQUENCE whose content is the given complete TLVs; one exact-size copy, as elements may be private keys. */
    public static byte[] sequence(byte[]... elements) {
        int bodyLength = 0;
        for (byte[] e : elements) {
            bodyLength += e.length;
        }
        byte[] lengthBytes = lengthBytes(bodyLength);
        byte[] out = new byte[1 + lengthBytes.length + bodyLength];
        out[0] = TAG_SEQUENCE;
        System.arraycopy(lengthBytes, 0, out, 1, lengthBytes.length);
        int at = 1 + lengthBytes.length;
        for (byte[] e : elements) {
            System.arraycopy(e, 0, out, at, e.length);
            at += e.length;
        }
        return out;
    }

    /** An INTEGER of 0..127, the only kind this module writes (version numbers). */
    public static byte[] smallInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("small DER integer must be 0..127, was " + value);
        }
        return new byte[] {TAG_INTEGER, 1, (byte) value};
    }

    /** The complete TLVs inside the SEQUENCE that makes up all of {@code der}. */
    public static List<byte[]> sequenceElements(byte[] der) throws KeepCryptoException {
        int[] header = header(der, 0, TAG_SEQUENCE);
        int start = header[0];
        int end = header[1];
        if (end != der.length) {
            throw new KeepCryptoException("DER: " + (der.length - end) + " trailing bytes after the SEQUENCE");
        }
        List<byte[]> elements = new ArrayList<>();
        int at = start;
        while (at < end) {
            int[] h = header(der, at, -1);
            elements.add(Arrays.copyOfRange(der, at, h[1]));
            at = h[1];
        }
        return elements;
    }

    public static int smallInteger(byte[] tlv) throws KeepCryptoException {
        int[] h = whole(tlv, TAG_INTEGER);
        if (h[1] - h[0] != 1 || (tlv[h[0]] & 0x80) != 0) {
            throw new KeepCryptoException("DER: expected a small non-negative INTEGER");
        }
        return tlv[h[0]];
    }

    /** The dotted form of an OBJECT IDENTIFIER TLV, e.g. {@code 1.3.101.112}. */
    public static String oid(byte[] tlv) throws KeepCryptoException {
        int[] h = whole(tlv, TAG_OID);
        if (h[0] == h[1] || (tlv[h[1] - 1] & 0x80) != 0) {
            throw new KeepCryptoException("DER: malformed OBJECT IDENTIFIER");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = h[0]; i < h[1]; i++) {
            if (arc == 0 && (tlv[i] & 0xFF) == 0x80) {
                throw new KeepCryptoException("DER: OBJECT IDENTIFIER arc has a leading zero");
            }
            arc = (arc << 7) | (tlv[i] & 0x7F);
            if (arc > Integer.MAX_VALUE) {
                throw new KeepCryptoException("DER: OBJECT IDENTIFIER arc too large");
            }
            if ((tlv[i] & 0x80) == 0) {
                if (first) {
                    int top = (int) Math.min(arc / 40, 2);
                    dotted.append(top).append('.').append(arc - 40L * top);
                    first = false;
                } else {
                    dotted.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return dotted.toString();
    }

    private static int[] whole(byte[] tlv, int tag) throws KeepCryptoException {
        int[] h = header(tlv, 0, tag);
        if (h[1] != tlv.length) {
            throw new KeepCryptoException("DER: trailing bytes after element");
        }
        return h;
    }

    /** Returns {contentStart, contentEnd} of the TLV at {@code at}; checks the tag unless {@code tag} is -1. */
    private static int[] header(byte[] der, int at, int tag) throws KeepCryptoException {
        if (at + 2 > der.length) {
            throw new KeepCryptoException("DER: truncated element header");
        }
        int t = der[at] & 0xFF;
        if ((t & 0x1F) == 0x1F) {
            throw new KeepCryptoException("DER: high tag numbers are not supported");
        }
        if (tag != -1 && t != tag) {
            throw new KeepCryptoException(String.format("DER: expected tag 0x%02x, found 0x%02x", tag, t));
        }
        int first = der[at + 1] & 0xFF;
        int pos = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4) {
                throw new KeepCryptoException("DER: indefinite or oversized length");
            }
            if (pos + count > der.length) {
                throw new KeepCryptoException("DER: truncated length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[pos + i] & 0xFF);
            }
            pos += count;
            if (length < 0x80 || length < (1L << (8 * (count - 1)))) {
                throw new KeepCryptoException("DER: length not minimally encoded");
            }
        }
        if (length > der.length - pos) {
            throw new KeepCryptoException("DER: element longer than its input (" + length + " bytes)");
        }
        return new int[] {pos, pos + (int) length};
    }

    private static byte[] lengthBytes(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
        }
        if (length < 0x1000000) {
            return new byte[] {(byte) 0x83, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        }
        throw new IllegalArgumentException("DER element too large: " + length + " bytes");
    }
}
