package sovereign.munin.keep.log.internal;

import java.nio.charset.StandardCharsets;

/** C2SP signed-note key IDs: the first four bytes, big-endian, of SHA-256(name || 0x0A || type || public key). */
public final class KeyIds {

    private static final byte[] NEWLINE = {'\n'};

    private KeyIds() {}

    public static int keyId(String name, byte[] typeIdentifier, byte[] publicKey) {
        byte[] hash = Sha256.digest(name.getBytes(StandardCharsets.UTF_8), NEWLINE, typeIdentifier, publicKey);
        return ((hash[0] & 0xFF) << 24) | ((hash[1] & 0xFF) << 16) | ((hash[2] & 0xFF) << 8) | (hash[3] & 0xFF);
    }
}
