package sovereign.munin.keep.crypto;

import java.util.Objects;

/** RFC 4648 base32 (upper-case alphabet, no padding), as authenticator apps expect TOTP secrets. */
public final class Base32 {
    /** Bounds decoding input; a TOTP secret of 64 bytes is 103 characters. */
    public static final int MAX_ENCODED_LENGTH = 1024;

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {}

    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * Decodes canonical unpadded base32: upper case only, a length that some byte count produces, and zero
     * trailing bits, so that each byte string has exactly one accepted spelling.
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("base32 text is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        int remainder = text.length() % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("base32 text has an impossible length " + text.length());
        }
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = valueOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("base32 text has an invalid character at index " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text is not canonical: its trailing bits are not zero");
        }
        return out;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
