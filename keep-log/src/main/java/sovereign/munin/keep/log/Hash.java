package sovereign.munin.keep.log;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import sovereign.munin.keep.log.internal.Sha256;

/**
 * A 32-byte SHA-256 value in an RFC 9162 Merkle tree: a leaf hash, an interior node hash or a root.
 *
 * @param bytes the 32 hash bytes; copied in and out, so a {@code Hash} never changes
 */
public record Hash(byte[] bytes) {

    /** Length of every hash in bytes. */
    public static final int SIZE = 32;

    /** The root of the empty tree, SHA-256 of no bytes (RFC 9162 §2.1.1). */
    public static final Hash EMPTY_TREE = new Hash(Sha256.digest());

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash has " + SIZE + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The leaf hash of a log entry: SHA-256(0x00 || entry). */
    public static Hash ofLeaf(byte[] entry) {
        return new Hash(Sha256.digestWithPrefix(LEAF_PREFIX, entry));
    }

    /** The interior node hash over two children: SHA-256(0x01 || left || right). */
    public static Hash ofNode(Hash left, Hash right) {
        return new Hash(Sha256.digestWithPrefix(NODE_PREFIX, left.bytes, right.bytes));
    }

    /** Parses standard padded base64 of exactly 32 bytes, rejecting any other spelling. */
    public static Hash fromBase64(String base64) {
        byte[] decoded = Base64.getDecoder().decode(base64);
        Hash hash = new Hash(decoded);
        if (!hash.toBase64().equals(base64)) {
            throw new IllegalArgumentException("not canonical base64");
        }
        return hash;
    }

    /** Parses 64 hexadecimal digits. */
    public static Hash fromHex(String hex) {
        return new Hash(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the hash into {@code target} at {@code offset} without an intermediate array. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, SIZE);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
