package sovereign.munin.keep.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import sovereign.munin.keep.crypto.internal.Jca;

/**
 * Single-use recovery codes such as {@code 7k3q-x9m2-bd4t} that stand in for a lost second factor, stored
 * only as salted SHA-256 hashes.
 *
 * <p>Why not Argon2: a slow hash exists to stretch guessable secrets; these are 12 symbols drawn uniformly
 * from 32, i.e. 60 bits chosen by a CSPRNG. With a random salt per code, recovering one code from a stolen
 * database costs about 2^59 SHA-256 evaluations on average (years of a GPU), and a code only replaces the
 * second factor: the password is still needed. Argon2 would add a login-path cost per stored code for no
 * margin that matters.
 *
 * <p>Codes use Crockford's base32 alphabet in lower case, which leaves out i, l, o and u; when a code is
 * typed, o counts as 0 and i or l as 1, so misreading cannot lock a person out. Case, spaces and hyphens are
 * ignored.
 */
public final class RecoveryCodes {
    public static final int DEFAULT_COUNT = 10;
    public static final int MAX_COUNT = 100;
    /** Symbols per code: 12 x 5 bits = 60 bits. */
    public static final int SYMBOLS = 12;

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int GROUP = 4;
    private static final int SALT_BYTES = 16;
    private static final int MAX_TYPED_LENGTH = 64;
    private static final String PREFIX = "$rc-sha256$";
    private static final byte[] DOMAIN = "munin-keep/recovery-code/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private RecoveryCodes() {}

    /** A fresh set: {@code codes} to show the person once, {@code storedHashes} to keep (same order). */
    public record Issued(List<String> codes, List<String> storedHashes) {
        public Issued {
            codes = List.copyOf(codes);
            storedHashes = List.copyOf(storedHashes);
            if (codes.size() != storedHashes.size()) {
                throw new IllegalArgumentException("codes and hashes differ in number");
            }
        }

        @Override
        public String toString() {
            return "RecoveryCodes.Issued[" + codes.size() + " codes, redacted]";
        }
    }

    public static Issued issue(SecureRandom rng) {
        return issue(DEFAULT_COUNT, rng);
    }

    public static Issued issue(int count, SecureRandom rng) {
        Objects.requireNonNull(rng, "rng");
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("recovery code count must be 1.." + MAX_COUNT + ", was " + count);
        }
        Set<String> canonical = new LinkedHashSet<>();
        byte[] random = new byte[SYMBOLS];
        // A repeat among 2^60 values is practically impossible; the bound keeps a broken RNG from looping forever.
        for (int attempt = 0; canonical.size() < count && attempt < 4 * count; attempt++) {
            rng.nextBytes(random);
            char[] symbols = new char[SYMBOLS];
            for (int i = 0; i < SYMBOLS; i++) {
                symbols[i] = ALPHABET.charAt(random[i] & 31); // 32 symbols: masking keeps them uniform
            }
            canonical.add(new String(symbols));
        }
        Arrays.fill(random, (byte) 0);
        if (canonical.size() < count) {
            throw new IllegalStateException("the random generator repeats itself; refusing to issue recovery codes");
        }
        List<String> codes = new ArrayList<>(count);
        List<String> hashes = new ArrayList<>(count);
        byte[] salt = new byte[SALT_BYTES];
        for (String code : canonical) {
            rng.nextBytes(salt);
            codes.add(display(code));
            hashes.add(PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(digest(salt, code)));
        }
        return new Issued(codes, hashes);
    }

    /**
     * Finds the stored hash that {@code typed} matches, for the caller to delete so the code cannot be used
     * again. Every stored hash is checked, whether or not an earlier one matched.
     *
     * @throws KeepCryptoException when a stored hash is not one this class wrote (a corrupt record)
     */
    public static Optional<String> match(String typed, List<String> storedHashes) throws KeepCryptoException {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(storedHashes, "storedHashes");
        if (storedHashes.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most " + MAX_COUNT + " stored recovery codes, got " + storedHashes.size());
        }
        Optional<String> code = canonical(typed);
        String found = null;
        for (String stored : storedHashes) {
            byte[][] saltAndHash = parse(stored);
            if (code.isPresent() && MessageDigest.isEqual(digest(saltAndHash[0], code.get()), saltAndHash[1])
                    && found == null) {
                found = stored;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The canonical 12 symbols of a typed code, or empty when it cannot be one. */
    static Optional<String> canonical(String typed) {
        if (typed.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(SYMBOLS);
        for (char c : typed.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case ' ', '-' -> { }
                case 'o' -> out.append('0');
                case 'i', 'l' -> out.append('1');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        return Optional.empty();
                    }
                    out.append(c);
                }
            }
        }
        return out.length() == SYMBOLS ? Optional.of(out.toString()) : Optional.empty();
    }

    private static String display(String canonical) {
        return canonical.substring(0, GROUP) + "-" + canonical.substring(GROUP, 2 * GROUP) + "-"
                + canonical.substring(2 * GROUP);
    }

    private static byte[] digest(byte[] salt, String canonical) {
        MessageDigest sha256 = Jca.sha256();
        sha256.update(DOMAIN);
        sha256.update(salt);
        return sha256.digest(canonical.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[][] parse(String stored) throws KeepCryptoException {
        Objects.requireNonNull(stored, "stored hash");
        String[] parts = stored.length() <= 128 ? stored.split("\\$", -1) : new String[0];
        if (parts.length != 4 || !stored.startsWith(PREFIX)) {
            throw new KeepCryptoException("stored recovery code hash is not of the form $rc-sha256$salt$hash");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length != SALT_BYTES || hash.length != 32) {
                throw new KeepCryptoException("stored recovery code hash has a wrong salt or hash length");
            }
            return new byte[][] {salt, hash};
        } catch (IllegalArgumentException e) {
            throw new KeepCryptoException("stored recovery code hash is not valid base64", e);
        }
    }
}
