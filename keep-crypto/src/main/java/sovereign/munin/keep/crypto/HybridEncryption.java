package sovereign.munin.keep.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KEM;
import javax.crypto.spec.HKDFParameterSpec;
import sovereign.munin.keep.crypto.internal.AesGcm;
import sovereign.munin.keep.crypto.internal.Jca;
import sovereign.munin.keep.crypto.internal.X25519;

/**
 * Hybrid public-key encryption: ML-KEM-768 + X25519, both shared secrets combined with HKDF-SHA256, then
 * AES-256-GCM; confidential while either ML-KEM-768 or X25519 holds.
 *
 * <p>Ciphertext, version 1 (1,149 bytes plus the plaintext length):
 * <pre>
 *   offset    length  field
 *   0         1       version 0x01 (ML-KEM-768 + X25519, HKDF-SHA256, AES-256-GCM)
 *   1         1088    ML-KEM-768 ciphertext (FIPS 203)
 *   1089      32      ephemeral X25519 public key (RFC 7748 u-coordinate)
 *   1121      12      AES-GCM nonce
 *   1133      n + 16  AES-GCM ciphertext || tag; GCM associated data = the caller's associated data
 * </pre>
 * Key derivation: {@code PRK = HKDF-Extract(salt = "munin-keep hybrid v1", IKM = ss_mlkem || ss_x25519)},
 * {@code key = HKDF-Expand(PRK, info = bytes 0..1120 of the ciphertext || recipient's encoded
 * HybridPublicKey, 32)}. The info binds both encapsulations and both recipient public keys, so a ciphertext
 * cannot be re-targeted or have one half swapped. Key encodings: {@link HybridPublicKey}, {@link HybridPrivateKey}.
 */
public final class HybridEncryption {
    public static final byte VERSION_1 = 0x01;
    static final int MLKEM768_CIPHERTEXT_BYTES = 1088;
    static final int HEADER_BYTES = 1 + MLKEM768_CIPHERTEXT_BYTES + X25519.KEY_BYTES;
    /** Bytes added to the plaintext: header, nonce and tag. */
    public static final int OVERHEAD = HEADER_BYTES + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES;

    private static final byte[] SALT = "munin-keep hybrid v1".getBytes(StandardCharsets.US_ASCII);
    private static final String FAILED = "hybrid decryption failed: not encrypted to this key, wrong associated data, "
            + "or the ciphertext was altered or truncated";

    private HybridEncryption() {}

    public static HybridKeyPair generateKeyPair(SecureRandom rng) throws KeepCryptoException {
        Objects.requireNonNull(rng, "rng");
        KeyPair mlKem = generate("ML-KEM", NamedParameterSpec.ML_KEM_768, rng);
        KeyPair x25519 = X25519.generate(rng);
        HybridPublicKey publicKey = HybridPublicKey.of(mlKem.getPublic(), x25519.getPublic());
        return new HybridKeyPair(publicKey, HybridPrivateKey.of(publicKey, mlKem.getPrivate(), x25519.getPrivate()));
    }

    public static byte[] encrypt(HybridPublicKey recipient, byte[] plaintext, byte[] associatedData)
            throws KeepCryptoException {
        return encrypt(recipient, plaintext, associatedData, Jca.random());
    }

    /** As {@link #encrypt(HybridPublicKey, byte[], byte[])} with the randomness given. */
    public static byte[] encrypt(HybridPublicKey recipient, byte[] plaintext, byte[] associatedData, SecureRandom rng)
            throws KeepCryptoException {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(rng, "rng");
        byte[] mlKemSecret = null;
        byte[] x25519Secret = null;
        byte[] key = null;
        try {
            KEM.Encapsulated encapsulated = Jca.mlKem().newEncapsulator(recipient.mlKemKey(), rng).encapsulate();
            mlKemSecret = encapsulated.key().getEncoded();
            KeyPair ephemeral = X25519.generate(rng);
            x25519Secret = X25519.agree(ephemeral.getPrivate(), recipient.x25519Key());

            byte[] out = new byte[OVERHEAD + plaintext.length];
            out[0] = VERSION_1;
            System.arraycopy(encapsulated.encapsulation(), 0, out, 1, MLKEM768_CIPHERTEXT_BYTES);
            System.arraycopy(X25519.raw(ephemeral.getPublic()), 0, out, 1 + MLKEM768_CIPHERTEXT_BYTES, X25519.KEY_BYTES);
            key = deriveKey(mlKemSecret, x25519Secret, out, recipient);
            byte[] nonce = new byte[AesGcm.NONCE_BYTES];
            rng.nextBytes(nonce);
            System.arraycopy(nonce, 0, out, HEADER_BYTES, nonce.length);
            byte[] body = AesGcm.encrypt(key, nonce, plaintext, orEmpty(associatedData));
            System.arraycopy(body, 0, out, HEADER_BYTES + nonce.length, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException("hybrid encryption failed: " + e.getMessage(), e);
        } finally {
            wipe(mlKemSecret, x25519Secret, key);
        }
    }

    public static byte[] decrypt(HybridPrivateKey recipient, byte[] ciphertext, byte[] associatedData)
            throws KeepCryptoException {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < OVERHEAD) {
            throw new KeepCryptoException("hybrid ciphertext is truncated: " + ciphertext.length
                    + " bytes, at least " + OVERHEAD + " expected");
        }
        if (ciphertext[0] != VERSION_1) {
            throw new KeepCryptoException(String.format(
                    "unsupported hybrid ciphertext version 0x%02x (this build reads 0x01)", ciphertext[0] & 0xFF));
        }
        byte[] mlKemSecret = null;
        byte[] x25519Secret = null;
        byte[] key = null;
        try {
            byte[] encapsulation = Arrays.copyOfRange(ciphertext, 1, 1 + MLKEM768_CIPHERTEXT_BYTES);
            // ML-KEM never fails here: a forged encapsulation yields an unrelated secret and the tag check fails.
            mlKemSecret = Jca.mlKem().newDecapsulator(recipient.mlKemKey()).decapsulate(encapsulation).getEncoded();
            byte[] ephemeral = Arrays.copyOfRange(ciphertext, 1 + MLKEM768_CIPHERTEXT_BYTES, HEADER_BYTES);
            x25519Secret = X25519.agree(recipient.x25519Key(), X25519.fromRaw(ephemeral));
            key = deriveKey(mlKemSecret, x25519Secret, ciphertext, recipient.publicKey());
            byte[] nonce = Arrays.copyOfRange(ciphertext, HEADER_BYTES, HEADER_BYTES + AesGcm.NONCE_BYTES);
            return AesGcm.decrypt(key, nonce, ciphertext, HEADER_BYTES + AesGcm.NONCE_BYTES, orEmpty(associatedData),
                    FAILED);
        } catch (KeepCryptoException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // e.g. a low-order ephemeral X25519 point: the same answer as any other forgery.
            throw new KeepCryptoException(FAILED, e);
        } finally {
            wipe(mlKemSecret, x25519Secret, key);
        }
    }

    /** Checks by a test encapsulation and a test agreement that the private halves belong to {@code publicKey}. */
    static void requireConsistent(HybridPublicKey publicKey, PrivateKey mlKem, PrivateKey x25519)
            throws KeepCryptoException {
        byte[] sent = null;
        byte[] received = null;
        byte[] ours = null;
        byte[] theirs = null;
        try {
            KEM kem = Jca.mlKem();
            KEM.Encapsulated e = kem.newEncapsulator(publicKey.mlKemKey(), Jca.random()).encapsulate();
            sent = e.key().getEncoded();
            received = kem.newDecapsulator(mlKem).decapsulate(e.encapsulation()).getEncoded();
            KeyPair probe = X25519.generate(Jca.random());
            ours = X25519.agree(x25519, probe.getPublic());
            theirs = X25519.agree(probe.getPrivate(), publicKey.x25519Key());
            if (!MessageDigest.isEqual(sent, received) || !MessageDigest.isEqual(ours, theirs)) {
                throw new KeepCryptoException("hybrid private key does not match its public key " + publicKey.keyId());
            }
        } catch (KeepCryptoException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException("hybrid key pair check failed: " + e.getMessage(), e);
        } finally {
            wipe(sent, received, ours, theirs);
        }
    }

    private static byte[] deriveKey(byte[] mlKemSecret, byte[] x25519Secret, byte[] header, HybridPublicKey recipient)
            throws GeneralSecurityException {
        byte[] ikm = new byte[mlKemSecret.length + x25519Secret.length];
        byte[] recipientKey = recipient.encoded();
        byte[] info = new byte[HEADER_BYTES + recipientKey.length];
        System.arraycopy(mlKemSecret, 0, ikm, 0, mlKemSecret.length);
        System.arraycopy(x25519Secret, 0, ikm, mlKemSecret.length, x25519Secret.length);
        System.arraycopy(header, 0, info, 0, HEADER_BYTES);
        System.arraycopy(recipientKey, 0, info, HEADER_BYTES, recipientKey.length);
        try {
            return Jca.hkdfSha256().deriveData(HKDFParameterSpec.ofExtract()
                    .addIKM(ikm).addSalt(SALT).thenExpand(info, AesGcm.KEY_BYTES));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private static KeyPair generate(String family, NamedParameterSpec params, SecureRandom rng)
            throws KeepCryptoException {
        KeyPairGenerator generator = Jca.keyPairGenerator(family, family);
        try {
            generator.initialize(params, rng);
        } catch (GeneralSecurityException e) {
            throw new KeepCryptoException("cannot generate " + params.getName() + " keys: " + e.getMessage(), e);
        }
        return generator.generateKeyPair();
    }

    private static byte[] orEmpty(byte[] associatedData) {
        return associatedData == null ? new byte[0] : associatedData;
    }

    private static void wipe(byte[]... secrets) {
        for (byte[] s : secrets) {
            if (s != null) {
                Arrays.fill(s, (byte) 0);
            }
        }
    }
}
