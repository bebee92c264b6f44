package sovereign.munin.keep.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import sovereign.munin.keep.crypto.internal.Jca;
import sovereign.munin.keep.crypto.internal.KeyDecoding;

/**
 * PEM (RFC 7468) for SPKI public keys and PKCS#8 private keys, bounded input size (64 KiB).
 *
 * <p>Text before the BEGIN line and after the END line is ignored, as RFC 7468 allows. Private keys travel as
 * ASCII bytes inside {@link SecretBytes}, never as a {@code String}, so they can be wiped.
 */
public final class Pem {
    public static final int MAX_INPUT = 64 * 1024;
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String CERTIFICATE = "CERTIFICATE";

    private static final Pattern LABEL = Pattern.compile("[\\x21-\\x2C\\x2E-\\x7E]+([- ][\\x21-\\x2C\\x2E-\\x7E]+)*");
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);

    private Pem() {}

    public static String publicKey(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (!"X.509".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("public key has no SPKI encoding (format " + key.getFormat() + ")");
        }
        return encode(PUBLIC_KEY, key.getEncoded());
    }

    public static PublicKey parsePublicKey(String pem) throws KeepCryptoException {
        return KeyDecoding.publicKey(decode(PUBLIC_KEY, pem));
    }

    /** PKCS#8 PEM as ASCII bytes; the caller closes the result. Fails for keys that cannot leave their HSM. */
    public static SecretBytes privateKey(PrivateKey key) throws KeepCryptoException {
        Objects.requireNonNull(key, "key");
        byte[] pkcs8 = key.getEncoded();
        if (!"PKCS#8".equals(key.getFormat()) || pkcs8 == null) {
            throw new KeepCryptoException("private key is not extractable as PKCS#8 (format " + key.getFormat() + ")");
        }
        try (SecretBytes der = SecretBytes.adopt(pkcs8)) {
            return encodeSecret(PRIVATE_KEY, der);
        }
    }

    /** Parses a PKCS#8 private key from PEM given as ASCII bytes; the algorithm comes from the key itself. */
    public static PrivateKey parsePrivateKey(byte[] pem) throws KeepCryptoException {
        try (SecretBytes der = decodeSecret(PRIVATE_KEY, pem)) {
            byte[] pkcs8 = der.copyBytes();
            try {
                return KeyDecoding.privateKey(pkcs8);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    public static String certificate(X509Certificate certificate) throws KeepCryptoException {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new KeepCryptoException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static X509Certificate parseCertificate(String pem) throws KeepCryptoException {
        byte[] der = decode(CERTIFICATE, pem);
        try {
            return (X509Certificate) Jca.x509Certificates().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new KeepCryptoException("malformed X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** A PEM block with the given label; base64 lines of 64 characters, LF line ends. */
    public static String encode(String label, byte[] der) {
        byte[] pem = encodeBytes(label, der);
        return new String(pem, StandardCharsets.US_ASCII);
    }

    public static SecretBytes encodeSecret(String label, SecretBytes der) {
        byte[] raw = der.copyBytes();
        try {
            return SecretBytes.adopt(encodeBytes(label, raw));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The DER inside the first block labelled {@code label}. */
    public static byte[] decode(String label, String pem) throws KeepCryptoException {
        Objects.requireNonNull(pem, "pem");
        if (pem.length() > MAX_INPUT) {
            throw tooLarge(pem.length());
        }
        return decodeBytes(label, pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static SecretBytes decodeSecret(String label, byte[] pem) throws KeepCryptoException {
        Objects.requireNonNull(pem, "pem");
        return SecretBytes.adopt(decodeBytes(label, pem));
    }

    private static byte[] encodeBytes(String label, byte[] der) {
        requireLabel(label);
        Objects.requireNonNull(der, "der");
        byte[] begin = ("-----BEGIN " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = ("\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
        byte[] out = new byte[begin.length + body.length + end.length];
        System.arraycopy(begin, 0, out, 0, begin.length);
        System.arraycopy(body, 0, out, begin.length, body.length);
        System.arraycopy(end, 0, out, begin.length + body.length, end.length);
        Arrays.fill(body, (byte) 0);
        return out;
    }

    private static byte[] decodeBytes(String label, byte[] pem) throws KeepCryptoException {
        requireLabel(label);
        if (pem.length > MAX_INPUT) {
            throw tooLarge(pem.length);
        }
        byte[] beginLine = ("-----BEGIN " + label + "-----").getBytes(StandardCharsets.US_ASCII);
        byte[] endLine = ("-----END " + label + "-----").getBytes(StandardCharsets.US_ASCII);
        int begin = indexOf(pem, beginLine, 0);
        if (begin < 0) {
            throw new KeepCryptoException(foundInstead(label, pem));
        }
        int bodyStart = begin + beginLine.length;
        int end = indexOf(pem, endLine, bodyStart);
        if (end < 0) {
            throw new KeepCryptoException("PEM block '" + label + "' has no END line");
        }
        byte[] base64 = new byte[end - bodyStart];
        int n = 0;
        for (int i = bodyStart; i < end; i++) {
            byte b = pem[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                base64[n++] = b;
            }
        }
        byte[] trimmed = Arrays.copyOf(base64, n);
        try {
            byte[] der = Base64.getDecoder().decode(trimmed);
            if (der.length == 0) {
                throw new KeepCryptoException("PEM block '" + label + "' is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new KeepCryptoException("PEM block '" + label + "' is not valid base64 (headers are not supported)");
        } finally {
            Arrays.fill(base64, (byte) 0);
            Arrays.fill(trimmed, (byte) 0);
        }
    }

    private static String foundInstead(String label, byte[] pem) {
        byte[] anyBegin = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(pem, anyBegin, 0);
        if (at >= 0) {
            int close = indexOf(pem, DASHES, at + anyBegin.length);
            if (close > 0 && close - at < 100) {
                String other = new String(pem, at + anyBegin.length, close - at - anyBegin.length, StandardCharsets.US_ASCII);
                return "expected a PEM block '" + label + "' but found '" + other + "'";
            }
        }
        return "no PEM block '" + label + "' found";
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void requireLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("not an RFC 7468 label: '" + label + "'");
        }
    }

    private static KeepCryptoException tooLarge(int size) {
        return new KeepCryptoException("PEM input too large: " + size + " characters, limit " + MAX_INPUT);
    }
}
