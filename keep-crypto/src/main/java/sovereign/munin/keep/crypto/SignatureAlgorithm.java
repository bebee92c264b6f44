package sovereign.munin.keep.crypto;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Signature algorithms Munin Keep accepts, with the JCA names and minimum parameters. */
public enum SignatureAlgorithm {
    ML_DSA_65("ml-dsa-65", "ML-DSA-65", "ML-DSA", 0),
    ML_DSA_87("ml-dsa-87", "ML-DSA-87", "ML-DSA", 0),
    ED25519("ed25519", "Ed25519", "EdDSA", 0),
    /** SHA-384 with ECDSA on P-384; signatures are DER SEQUENCE{r, s}. */
    ECDSA_P384("ecdsa-p384", "SHA384withECDSA", "EC", 384),
    /** RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt; modulus of at least 3072 bits. */
    RSA_3072("rsa-3072", "RSASSA-PSS", "RSA", 3072),
    /** RSASSA-PSS as {@link #RSA_3072}, modulus of at least 4096 bits. */
    RSA_4096("rsa-4096", "RSASSA-PSS", "RSA", 4096);

    /** Ids that people will try and that we refuse on strength, so they get that reason instead of "unknown". */
    private static final Set<String> TOO_WEAK = Set.of(
            "ml-dsa-44", "ecdsa-p256", "ecdsa-p224", "ecdsa-p192", "rsa-1024", "rsa-1536", "rsa-2048", "dsa");

    private final String id;
    private final String jcaSignature;
    private final String keyFamily;
    private final int keyBits;

    SignatureAlgorithm(String id, String jcaSignature, String keyFamily, int keyBits) {
        this.id = id;
        this.jcaSignature = jcaSignature;
        this.keyFamily = keyFamily;
        this.keyBits = keyBits;
    }

    /** The id used in files, the CLI and the API, e.g. {@code ml-dsa-65}. */
    public String id() {
        return id;
    }

    /** The JCA {@code Signature} algorithm name. */
    public String jcaSignature() {
        return jcaSignature;
    }

    /** The JCA key family ({@code KeyFactory} name): ML-DSA, EdDSA, EC or RSA. */
    public String keyFamily() {
        return keyFamily;
    }

    /** Minimum RSA modulus bits, or the EC field size; 0 where the parameter set fixes it. */
    public int keyBits() {
        return keyBits;
    }

    /** Parameters to give the JCA {@code Signature}, or {@code null} when it needs none. */
    public AlgorithmParameterSpec signatureParameters() {
        return keyFamily.equals("RSA")
                ? new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC)
                : null;
    }

    public static SignatureAlgorithm fromId(String id) throws KeepCryptoException {
        Objects.requireNonNull(id, "id");
        for (SignatureAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        if (TOO_WEAK.contains(id)) {
            throw new KeepCryptoException("signature algorithm '" + id + "' is refused as too weak; accepted: " + acceptedIds());
        }
        throw new KeepCryptoException("unknown signature algorithm '" + id + "'; accepted: " + acceptedIds());
    }

    /** The accepted ids, comma separated, for error messages and help texts. */
    public static String acceptedIds() {
        return Arrays.stream(values()).map(SignatureAlgorithm::id).collect(Collectors.joining(", "));
    }
}
