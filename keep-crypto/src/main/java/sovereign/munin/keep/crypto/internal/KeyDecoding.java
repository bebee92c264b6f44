package sovereign.munin.keep.crypto.internal;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.crypto.KeepCryptoException;

/** Turns SPKI and PKCS#8 DER into JCA keys, choosing the key factory from the algorithm OID inside. */
public final class KeyDecoding {
    /** Bound on any key encoding we parse; the largest real one (ML-DSA-87 PKCS#8) is under 5 KiB. */
    public static final int MAX_KEY_BYTES = 64 * 1024;

    private static final Map<String, String> FAMILY_BY_OID = Map.ofEntries(
            Map.entry("2.16.840.1.101.3.4.3.17", "ML-DSA"), // ML-DSA-44
            Map.entry("2.16.840.1.101.3.4.3.18", "ML-DSA"), // ML-DSA-65
            Map.entry("2.16.840.1.101.3.4.3.19", "ML-DSA"), // ML-DSA-87
            Map.entry("2.16.840.1.101.3.4.4.1", "ML-KEM"), // ML-KEM-512
            Map.entry("2.16.840.1.101.3.4.4.2", "ML-KEM"), // ML-KEM-768
            Map.entry("2.16.840.1.101.3.4.4.3", "ML-KEM"), // ML-KEM-1024
            Map.entry("1.3.101.112", "EdDSA"), // Ed25519
            Map.entry("1.3.101.110", "XDH"), // X25519
            Map.entry("1.2.840.10045.2.1", "EC"),
            Map.entry("1.2.840.113549.1.1.1", "RSA"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"));

    private KeyDecoding() {}

    public static PublicKey publicKey(byte[] spki) throws KeepCryptoException {
        String family = family(spki, 0, "SubjectPublicKeyInfo");
        try {
            return Jca.keyFactory(family).generatePublic(new X509EncodedKeySpec(spki));
        } catch (InvalidKeySpecException e) {
            throw new KeepCryptoException("malformed " + family + " public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(byte[] pkcs8) throws KeepCryptoException {
        String family = family(pkcs8, 1, "PKCS#8 PrivateKeyInfo");
        try {
            // The spec keeps a copy we cannot wipe (its clear() is not public); it is garbage right after this.
            return Jca.keyFactory(family).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            // No cause attached: a key factory's message could quote parts of the key.
            throw new KeepCryptoException("malformed " + family + " private key");
        }
    }

    /** The JCA key family named by the AlgorithmIdentifier at element {@code algIdIndex} of the outer SEQUENCE. */
    static String family(byte[] der, int algIdIndex, String what) throws KeepCryptoException {
        if (der.length > MAX_KEY_BYTES) {
            throw new KeepCryptoException(what + " is too large: " + der.length + " bytes, limit " + MAX_KEY_BYTES);
        }
        List<byte[]> outer = List.of();
        String oid;
        try {
            outer = Der.sequenceElements(der);
            if (outer.size() <= algIdIndex) {
                throw new KeepCryptoException("DER: too few elements");
            }
            List<byte[]> algorithmId = Der.sequenceElements(outer.get(algIdIndex));
            if (algorithmId.isEmpty()) {
                throw new KeepCryptoException("DER: empty AlgorithmIdentifier");
            }
            oid = Der.oid(algorithmId.getFirst());
        } catch (KeepCryptoException e) {
            throw new KeepCryptoException("malformed " + what + ": " + e.getMessage(), e);
        } finally {
            outer.forEach(element -> Arrays.fill(element, (byte) 0)); // in a PKCS#8 they hold the private key
        }
        String family = FAMILY_BY_OID.get(oid);
        if (family == null) {
            throw new KeepCryptoException("unsupported key algorithm OID " + oid + " in " + what);
        }
        return family;
    }
}
