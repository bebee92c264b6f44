package sovereign.munin.keep.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Argon2id;
import sovereign.munin.keep.crypto.internal.PhcArgon2id;

/**
 * Argon2id password hashing into self-describing PHC strings, so each hash records its own cost and the cost
 * can be raised later by rehashing at the next successful login ({@link #needsRehash}).
 *
 * <p>Passwords are bytes: the caller encodes them (UTF-8, after whatever Unicode normalisation its policy
 * chooses) into a {@link SecretBytes} and closes it afterwards.
 */
public final class PasswordHasher {
    /** Bounds the work an unauthenticated caller can request; far above any password a person types. */
    public static final int MAX_PASSWORD_BYTES = 1024;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    private final Argon2Params params;
    private final SecureRandom rng;

    /**
     * A hasher that writes new hashes with {@code params}; parameters weaker than {@link Argon2Params#DEFAULT}
     * in memory or passes are refused, so no configuration can quietly write weak hashes.
     */
    public PasswordHasher(Argon2Params params, SecureRandom rng) {
        this.params = Objects.requireNonNull(params, "params");
        this.rng = Objects.requireNonNull(rng, "rng");
        if (!params.atLeast(Argon2Params.DEFAULT)) {
            throw new IllegalArgumentException("Argon2 parameters " + params + " are weaker than the minimum "
                    + Argon2Params.DEFAULT);
        }
    }

    public PasswordHasher(SecureRandom rng) {
        this(Argon2Params.DEFAULT, rng);
    }

    public Argon2Params params() {
        return params;
    }

    /** Hashes with a fresh random salt; refuses an empty or over-long password. */
    public String hash(SecretBytes password) {
        Objects.requireNonNull(password, "password");
        if (password.length() == 0 || password.length() > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password must be 1.." + MAX_PASSWORD_BYTES + " bytes, was "
                    + password.length());
        }
        byte[] salt = new byte[SALT_BYTES];
        rng.nextBytes(salt);
        byte[] pw = password.copyBytes();
        try {
            return new PhcArgon2id(params, salt, Argon2id.derive(pw, salt, params, HASH_BYTES)).format();
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /**
     * True when {@code password} matches {@code encoded}; the final comparison takes the same time wherever
     * the hashes differ. An empty or over-long password is simply false, since none could have been hashed.
     *
     * @throws PasswordHashFormatException when {@code encoded} is not a canonical, in-bounds Argon2id PHC
     *     string: a corrupt or tampered record, which callers should treat apart from a wrong password
     */
    public boolean verify(SecretBytes password, String encoded) throws PasswordHashFormatException {
        Objects.requireNonNull(password, "password");
        PhcArgon2id stored = PhcArgon2id.parse(encoded);
        if (password.length() == 0 || password.length() > MAX_PASSWORD_BYTES) {
            return false;
        }
        byte[] pw = password.copyBytes();
        byte[] expected = stored.hash();
        byte[] actual = null;
        try {
            actual = Argon2id.derive(pw, stored.salt(), stored.params(), expected.length);
            return MessageDigest.isEqual(actual, expected);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (actual != null) {
                Arrays.fill(actual, (byte) 0);
            }
        }
    }

    /** True when {@code encoded} was not written with this hasher's parameters and lengths. */
    public boolean needsRehash(String encoded) throws PasswordHashFormatException {
        return needsRehash(encoded, params);
    }

    /**
     * True when {@code encoded} differs from {@code current} in any parameter, or from this class's salt and
     * hash lengths; a lowered setting migrates too, because the operator chose it.
     */
    public static boolean needsRehash(String encoded, Argon2Params current) throws PasswordHashFormatException {
        Objects.requireNonNull(current, "current");
        PhcArgon2id stored = PhcArgon2id.parse(encoded);
        return !stored.params().equals(current)
                || stored.salt().length != SALT_BYTES
                || stored.hash().length != HASH_BYTES;
    }
}
