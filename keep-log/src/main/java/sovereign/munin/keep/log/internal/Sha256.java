package sovereign.munin.keep.log.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with one reusable digest per thread, because a sequencer hashes millions of nodes. */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    /** SHA-256 of the concatenation of the given parts. */
    public static byte[] digest(byte[]... parts) {
        MessageDigest md = DIGEST.get();
        md.reset();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** SHA-256 of one prefix byte followed by the given parts, as RFC 9162 hashes leaves and nodes. */
    public static byte[] digestWithPrefix(byte prefix, byte[]... parts) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(prefix);
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
