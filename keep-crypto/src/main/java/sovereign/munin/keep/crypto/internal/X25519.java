package sovereign.munin.keep.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import sovereign.munin.keep.crypto.KeepCryptoException;

/** X25519 (RFC 7748) through SunEC, with raw 32-byte public keys for compact ciphertexts. */
public final class X25519 {
    public static final int KEY_BYTES = 32;
    /** SubjectPublicKeyInfo header for id-X25519 (RFC 8410), followed by the 32 raw bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");

    private X25519() {}

    public static KeyPair generate(SecureRandom rng) throws KeepCryptoException {
        KeyPairGenerator generator = Jca.keyPairGenerator("XDH", "XDH");
        try {
            generator.initialize(NamedParameterSpec.X25519, rng);
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException("cannot generate X25519 keys: " + e.getMessage(), e);
        }
        return generator.generateKeyPair();
    }

    /** The shared secret; SunEC refuses low-order points, which would make it all zeros. */
    public static byte[] agree(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        KeyAgreement agreement = Jca.x25519();
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }

    public static byte[] raw(PublicKey key) throws KeepCryptoException {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new KeepCryptoException("unexpected X25519 public key encoding");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    public static PublicKey fromRaw(byte[] raw) throws GeneralSecurityException {
        if (raw.length != KEY_BYTES) {
            throw new KeepCryptoException("X25519 public key must be 32 bytes, was " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_BYTES);
        return Jca.keyFactory("XDH").generatePublic(new X509EncodedKeySpec(spki));
    }
}
