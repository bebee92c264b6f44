package sovereign.munin.keep.crypto;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Jca;

/** Lowercase hex SHA-256 of the SPKI DER. */
public final class KeyId {
    private KeyId() {}

    public static String of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        byte[] spki = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || spki == null) {
            throw new IllegalArgumentException(
                    "key id needs an SPKI (X.509) encoded public key, got format " + key.getFormat());
        }
        return ofSpki(spki);
    }

    public static String ofSpki(byte[] spkiDer) {
        Objects.requireNonNull(spkiDer, "spkiDer");
        return HexFormat.of().formatHex(Jca.sha256().digest(spkiDer));
    }
}
