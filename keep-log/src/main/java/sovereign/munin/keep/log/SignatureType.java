package sovereign.munin.keep.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signed-note signature types this module signs and verifies, each with its C2SP type identifier.
 *
 * <p>C2SP assigns single bytes to Ed25519 (0x01) and to Ed25519 cosignatures (0x04), but nothing to ML-DSA-65
 * (0x06 is ML-DSA-44 cosignatures). For ML-DSA-65 this module uses the identifier C2SP reserves for unassigned
 * types, 0xFF, followed by a namespaced ASCII name, so no future C2SP assignment can collide with it; see
 * {@code keep-log/README-formats.md}. Public keys are raw: 32 bytes for Ed25519 (RFC 8032), 1,952 bytes for
 * ML-DSA-65 (FIPS 204 pkEncode).
 */
public enum SignatureType {

    /** Ed25519 over the note text (C2SP signed-note, type 0x01). */
    ED25519(new byte[] {0x01}, "Ed25519", 32, 64, false),

    /** ML-DSA-65 over the note text, FIPS 204 pure mode with an empty context (Munin Keep, 0xFF + name). */
    ML_DSA_65(unassigned("sovereign.munin.keep/ml-dsa-65"), "ML-DSA-65", 1952, 3309, false),

    /** Timestamped Ed25519 witness cosignature {@code cosignature/v1} (C2SP tlog-cosignature, type 0x04). */
    COSIGNATURE_ED25519(new byte[] {0x04}, "Ed25519", 32, 64, true),

    /**
     * Timestamped ML-DSA-65 witness cosignature over C2SP's {@code subtree/v1} message, which C2SP defines for
     * ML-DSA-44 (Munin Keep, 0xFF + name).
     */
    COSIGNATURE_ML_DSA_65(unassigned("sovereign.munin.keep/cosignature-ml-dsa-65"), "ML-DSA-65", 1952, 3309, true);

    private static final byte UNASSIGNED = (byte) 0xFF;

    private final byte[] identifier;
    private final String jcaAlgorithm;
    private final int publicKeyLength;
    private final int rawSignatureLength;
    private final boolean timestamped;

    SignatureType(byte[] identifier, String jcaAlgorithm, int publicKeyLength, int rawSignatureLength,
            boolean timestamped) {
        this.identifier = identifier;
        this.jcaAlgorithm = jcaAlgorithm;
        this.publicKeyLength = publicKeyLength;
        this.rawSignatureLength = rawSignatureLength;
        this.timestamped = timestamped;
    }

    /** The bytes that precede the public key in a key ID and a vkey. */
    public byte[] identifier() {
        return identifier.clone();
    }

    /** The JCA signature algorithm name. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** Length of the raw public key in bytes. */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** Length of the signature after the 4-byte key ID: the raw signature, plus an 8-byte timestamp if timestamped. */
    public int signatureLength() {
        return rawSignatureLength + (timestamped ? Long.BYTES : 0);
    }

    /** True for cosignatures, whose signature starts with a big-endian uint64 POSIX timestamp. */
    public boolean isTimestamped() {
        return timestamped;
    }

    /** Splits vkey key material into its type and the raw public key, or throws if no type matches. */
    static SignatureType ofKeyMaterial(byte[] material) throws MalformedKeyException {
        for (SignatureType type : values()) {
            if (material.length == type.identifier.length + type.publicKeyLength
                    && Arrays.equals(material, 0, type.identifier.length, type.identifier, 0, type.identifier.length)) {
                return type;
            }
        }
        String first = material.length == 0 ? "none" : String.format("0x%02x", material[0]);
        throw new MalformedKeyException("unsupported signature type " + first + " with " + material.length
                + " bytes of key material");
    }

    private static byte[] unassigned(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        byte[] identifier = new byte[1 + ascii.length];
        identifier[0] = UNASSIGNED;
        System.arraycopy(ascii, 0, identifier, 1, ascii.length);
        return identifier;
    }
}
