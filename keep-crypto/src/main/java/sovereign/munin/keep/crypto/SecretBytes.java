package sovereign.munin.keep.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/** Secret bytes: no toString content, constant-time equals, zeroised on close. */
public final class SecretBytes implements AutoCloseable {
    private final byte[] bytes;
    private final int length;
    private boolean closed;

    private SecretBytes(byte[] owned) {
        this.bytes = owned;
        this.length = owned.length;
    }

    /** Copies {@code bytes}; the caller keeps (and should wipe) its own array. */
    public static SecretBytes copyOf(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new SecretBytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; for this module's buffers that nobody else holds. */
    static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(Objects.requireNonNull(bytes, "bytes"));
    }

    public static SecretBytes random(int length, SecureRandom rng) {
        if (length < 1) {
            throw new IllegalArgumentException("secret length must be at least 1 byte, was " + length);
        }
        Objects.requireNonNull(rng, "rng");
        byte[] b = new byte[length];
        rng.nextBytes(b);
        return new SecretBytes(b);
    }

    /** Length in bytes; still answers after close, because the length is not secret. */
    public int length() {
        return length;
    }

    /** A fresh copy that the caller must wipe; throws {@link IllegalStateException} after {@link #close()}. */
    public synchronized byte[] copyBytes() {
        requireOpen();
        return bytes.clone();
    }

    /** Compares contents in time independent of where they differ; unequal lengths compare false. */
    public boolean equalsConstantTime(SecretBytes other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            requireOpenSync();
            return true;
        }
        byte[] mine = copyBytes();
        byte[] theirs = other.copyBytes();
        try {
            return MessageDigest.isEqual(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
            Arrays.fill(theirs, (byte) 0);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Zeroises the bytes; later calls do nothing. */
    @Override
    public synchronized void close() {
        Arrays.fill(bytes, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + length + " bytes, redacted]";
    }

    // equals and hashCode stay Object's (identity): content-based ones would leak through timing and hash buckets.

    private synchronized void requireOpenSync() {
        requireOpen();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("SecretBytes was closed and zeroised");
        }
    }
}
