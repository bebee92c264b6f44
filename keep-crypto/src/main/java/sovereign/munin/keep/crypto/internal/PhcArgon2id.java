package sovereign.munin.keep.crypto.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sovereign.munin.keep.crypto.Argon2Params;
import sovereign.munin.keep.crypto.PasswordHashFormatException;

/**
 * An Argon2id hash in the PHC string format: {@code $argon2id$v=19$m=M,t=T,p=P$<salt>$<hash>}, with standard
 * base64 without padding, exactly as the reference implementation writes it.
 */
public record PhcArgon2id(Argon2Params params, byte[] salt, byte[] hash) {
    /** Longer than any string this format can produce within the salt and hash bounds below. */
    public static final int MAX_ENCODED_LENGTH = 256;
    public static final int MIN_SALT_BYTES = 8;
    public static final int MAX_SALT_BYTES = 64;
    public static final int MIN_HASH_BYTES = 16;
    public static final int MAX_HASH_BYTES = 64;

    private static final Pattern PARAMS = Pattern.compile("m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    public PhcArgon2id {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + MIN_SALT_BYTES + ".." + MAX_SALT_BYTES
                    + " bytes, was " + salt.length);
        }
        if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            throw new IllegalArgumentException("hash must be " + MIN_HASH_BYTES + ".." + MAX_HASH_BYTES
                    + " bytes, was " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Parses a canonical string; anything the formatter would not write back identically is refused. */
    public static PhcArgon2id parse(String encoded) throws PasswordHashFormatException {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw new PasswordHashFormatException("password hash is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 6 || !parts[0].isEmpty()) {
            throw new PasswordHashFormatException("password hash is not of the form $argon2id$v=19$m=..,t=..,p=..$salt$hash");
        }
        if (!"argon2id".equals(parts[1])) {
            throw new PasswordHashFormatException("password hash algorithm must be argon2id");
        }
        if (!"v=19".equals(parts[2])) {
            throw new PasswordHashFormatException("password hash must be Argon2 version 19 (1.3)");
        }
        Matcher m = PARAMS.matcher(parts[3]);
        if (!m.matches()) {
            throw new PasswordHashFormatException("password hash parameters must be m=<KiB>,t=<passes>,p=<lanes>");
        }
        PhcArgon2id parsed;
        try {
            Argon2Params params = new Argon2Params(
                    boundedInt(m.group(1)), boundedInt(m.group(2)), boundedInt(m.group(3)));
            parsed = new PhcArgon2id(params, Base64.getDecoder().decode(parts[4]), Base64.getDecoder().decode(parts[5]));
        } catch (IllegalArgumentException e) {
            // Both out-of-range parameters and bad base64 land here; the message names which.
            throw new PasswordHashFormatException("password hash refused: " + e.getMessage());
        }
        // Canonical form only: no leading zeros, no padding, no stray trailing bits in base64.
        if (!parsed.format().equals(encoded)) {
            throw new PasswordHashFormatException("password hash is not in canonical PHC form");
        }
        return parsed;
    }

    public String format() {
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhcArgon2id other && other.params.equals(params)
                && MessageDigest.isEqual(other.salt, salt) && MessageDigest.isEqual(other.hash, hash);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public String toString() {
        return "PhcArgon2id[" + params + ", salt " + salt.length + " bytes, hash " + hash.length + " bytes]";
    }

    private static int boundedInt(String digits) {
        long value = Long.parseLong(digits); // at most 10 digits: always fits in a long
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + digits + " is out of range");
        }
        return (int) value;
    }
}
