package sovereign.munin.keep.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import sovereign.munin.keep.crypto.internal.Jca;

/**
 * RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over Unix-time steps from T0 = 0).
 *
 * <p>{@link #DEFAULT} is what authenticator apps assume when a URI says nothing: HMAC-SHA1, 6 digits, 30 s.
 */
public record Totp(Algorithm algorithm, int digits, int periodSeconds) {
    public static final Totp DEFAULT = new Totp(Algorithm.SHA1, 6, 30);
    /** RFC 4226 recommends 160-bit secrets. */
    public static final int SECRET_BYTES = 20;
    /** RFC 4226 requires at least 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Steps accepted either side of the current one, for clock drift between phone and server. */
    public static final int DRIFT_STEPS = 1;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** The HMAC behind the codes; named as the otpauth URI names it. */
    public enum Algorithm {
        SHA1("HmacSHA1"),
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    public Totp {
        Objects.requireNonNull(algorithm, "algorithm");
        // Apps show 6 or 8 digits; fewer is guessable, more exceeds what the 31-bit truncation carries well.
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP digits must be 6..8, was " + digits);
        }
        if (periodSeconds < 1 || periodSeconds > 300) {
            throw new IllegalArgumentException("TOTP period must be 1..300 seconds, was " + periodSeconds);
        }
    }

    /** A fresh 20-byte secret for enrolment. */
    public static SecretBytes newSecret(SecureRandom rng) {
        return SecretBytes.random(SECRET_BYTES, rng);
    }

    /** The time step that contains {@code time}. */
    public long stepAt(Instant time) {
        Objects.requireNonNull(time, "time");
        return Math.floorDiv(time.getEpochSecond(), periodSeconds);
    }

    /** The code for one time step, zero-padded to {@link #digits()}. */
    public String codeAt(SecretBytes secret, long step) {
        Objects.requireNonNull(secret, "secret");
        if (step < 0) {
            throw new IllegalArgumentException("TOTP step must not be negative, was " + step);
        }
        if (secret.length() < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("TOTP secret must be at least " + MIN_SECRET_BYTES + " bytes, was "
                    + secret.length());
        }
        byte[] key = secret.copyBytes();
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName, Jca.provider(Jca.SUN_JCE));
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            byte[] h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            // RFC 4226 section 5.3, dynamic truncation.
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName + " is missing from the JDK's SunJCE provider", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Checks {@code code} against the step at {@code now} and one step either side, and returns the step it
     * matched, which the caller stores as the new {@code lastUsedStep}. A matching step at or before
     * {@code lastUsedStep} is refused, so a code (or an earlier one) cannot be replayed; pass -1 before first
     * use. Every candidate is computed and compared in full, so timing does not say which step matched.
     */
    public OptionalLong verify(SecretBytes secret, String code, Instant now, long lastUsedStep) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(now, "now");
        if (!isWellFormed(code)) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long matched = -1;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (step < 0) {
                continue;
            }
            boolean equal = MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII), given);
            if (equal && step > lastUsedStep) {
                matched = step; // the latest match wins, so the stored step moves as far forward as possible
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    private boolean isWellFormed(String code) {
        if (code.length() != digits) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
