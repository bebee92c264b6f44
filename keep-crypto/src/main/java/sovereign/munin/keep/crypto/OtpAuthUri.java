package sovereign.munin.keep.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code otpauth://totp/} enrolment URI (the Key Uri Format that authenticator apps scan from a QR code).
 *
 * <p>The result holds the secret in base32 inside a {@link String}, which cannot be wiped: render it and drop it.
 */
public final class OtpAuthUri {
    /** Apps truncate long labels; this bound also keeps the QR code small enough to scan. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {}

    /**
     * {@code otpauth://totp/<issuer>:<account>?secret=..&issuer=..&algorithm=..&digits=..&period=..}, with
     * issuer and account percent-encoded as UTF-8. The issuer appears twice because older apps read only the
     * label and newer ones prefer the parameter.
     */
    public static String totp(String issuer, String account, SecretBytes secret, Totp totp) {
        requireName(issuer, "issuer");
        requireName(account, "account");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(totp, "totp");
        byte[] key = secret.copyBytes();
        String base32;
        try {
            base32 = Base32.encode(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return "otpauth://totp/" + percentEncode(issuer) + ":" + percentEncode(account)
                + "?secret=" + base32
                + "&issuer=" + percentEncode(issuer)
                + "&algorithm=" + totp.algorithm().name()
                + "&digits=" + totp.digits()
                + "&period=" + totp.periodSeconds();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters; a space becomes %20, never '+'. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_NAME_LENGTH + " characters and not blank");
        }
        // The Key Uri Format forbids a colon in either part: it separates them in the label, even encoded.
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + " must not contain ':'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
    }
}
