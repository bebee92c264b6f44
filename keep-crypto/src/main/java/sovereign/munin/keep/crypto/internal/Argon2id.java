package sovereign.munin.keep.crypto.internal;

import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import sovereign.munin.keep.crypto.Argon2Params;

/** Argon2id version 1.3 (RFC 9106) through Bouncy Castle's lightweight API. */
public final class Argon2id {
    private static final byte[] NONE = new byte[0];

    private Argon2id() {}

    /** Derives {@code outputLength} bytes; {@code secret} and {@code associatedData} may be empty. */
    public static byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            Argon2Params params, int outputLength) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(associatedData, "associatedData");
        Objects.requireNonNull(params, "params");
        if (outputLength < 4) {
            throw new IllegalArgumentException("Argon2 output must be at least 4 bytes, was " + outputLength);
        }
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .withSecret(secret)
                .withAdditional(associatedData);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        Argon2Parameters built = builder.build();
        try {
            generator.init(built);
            byte[] out = new byte[outputLength];
            generator.generateBytes(password, out);
            return out;
        } finally {
            // The builder and parameters hold copies of the secret; wipe what we can reach.
            built.clear();
            builder.clear();
        }
    }

    public static byte[] derive(byte[] password, byte[] salt, Argon2Params params, int outputLength) {
        return derive(password, salt, NONE, NONE, params, outputLength);
    }
}
