package sovereign.munin.keep.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.crypto.internal.Gf256;

/** M-of-N Shamir secret sharing over GF(2^8) (AES polynomial 0x11B), byte-wise. */
public final class Shamir {
    /** Largest share count: share indexes are the non-zero field elements. */
    public static final int MAX_SHARES = 255;

    private Shamir() {}

    /** One custodian's share: the polynomials' values at x = {@code index}. */
    public record Share(int index, byte[] value) {
        public Share {
            if (index < 1 || index > MAX_SHARES) {
                throw new IllegalArgumentException("share index must be 1..255, was " + index);
            }
            Objects.requireNonNull(value, "value");
            if (value.length == 0) {
                throw new IllegalArgumentException("share value must not be empty");
            }
            value = value.clone();
        }

        /** A copy; the caller should wipe it. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Share other && other.index == index && MessageDigest.isEqual(other.value, value);
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(index); // the value stays out of hash buckets
        }

        @Override
        public String toString() {
            return "Share[index=" + index + ", " + value.length + " bytes, redacted]";
        }
    }

    /** Splits {@code secret} into {@code shares} shares of which any {@code threshold} recover it. */
    public static List<Share> split(SecretBytes secret, int shares, int threshold, SecureRandom rng) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(rng, "rng");
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2 (one share alone would be the secret), was " + threshold);
        }
        if (shares < threshold) {
            throw new IllegalArgumentException("shares (" + shares + ") must be at least the threshold (" + threshold + ")");
        }
        if (shares > MAX_SHARES) {
            throw new IllegalArgumentException("shares must be at most 255 in GF(2^8), was " + shares);
        }
        byte[] s = secret.copyBytes();
        byte[][] values = new byte[shares][s.length];
        byte[] coefficients = new byte[threshold];
        try {
            for (int pos = 0; pos < s.length; pos++) {
                coefficients[0] = s[pos];
                // Uniform coefficients, zero included: any threshold-1 shares then reveal nothing about s[pos].
                byte[] random = new byte[threshold - 1];
                rng.nextBytes(random);
                System.arraycopy(random, 0, coefficients, 1, random.length);
                Arrays.fill(random, (byte) 0);
                for (int x = 1; x <= shares; x++) {
                    values[x - 1][pos] = (byte) evaluate(coefficients, x);
                }
            }
            List<Share> out = new ArrayList<>(shares);
            for (int x = 1; x <= shares; x++) {
                out.add(new Share(x, values[x - 1]));
            }
            return List.copyOf(out);
        } finally {
            Arrays.fill(s, (byte) 0);
            Arrays.fill(coefficients, (byte) 0);
            for (byte[] v : values) {
                Arrays.fill(v, (byte) 0);
            }
        }
    }

    /**
     * Recombines shares by Lagrange interpolation at zero.
     *
     * <p>Fewer shares than the threshold yield a wrong secret without any error, because Shamir cannot tell;
     * callers check the result against a check value.
     */
    public static SecretBytes combine(List<Share> shares) throws KeepCryptoException {
        Objects.requireNonNull(shares, "shares");
        if (shares.isEmpty()) {
            throw new KeepCryptoException("no shares given");
        }
        if (shares.size() < 2) {
            throw new KeepCryptoException("at least 2 shares are needed, got 1");
        }
        int length = shares.getFirst().value.length;
        boolean[] seen = new boolean[MAX_SHARES + 1];
        for (Share share : shares) {
            Objects.requireNonNull(share, "share");
            if (seen[share.index]) {
                throw new KeepCryptoException("share index " + share.index + " appears more than once");
            }
            seen[share.index] = true;
            if (share.value.length != length) {
                throw new KeepCryptoException("shares differ in length (" + length + " and " + share.value.length
                        + " bytes): they come from different secrets");
            }
        }
        int[] basis = lagrangeBasisAtZero(shares);
        byte[] secret = new byte[length];
        for (int pos = 0; pos < length; pos++) {
            int acc = 0;
            for (int i = 0; i < shares.size(); i++) {
                acc ^= Gf256.mul(shares.get(i).value[pos], basis[i]);
            }
            secret[pos] = (byte) acc;
        }
        return SecretBytes.adopt(secret);
    }

    private static int evaluate(byte[] coefficients, int x) {
        int acc = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            acc = Gf256.add(Gf256.mul(acc, x), coefficients[i]);
        }
        return acc;
    }

    /** l_i(0) = prod_{j != i} x_j / (x_j - x_i); indexes are public, so their inverses need no care. */
    private static int[] lagrangeBasisAtZero(List<Share> shares) {
        int[] basis = new int[shares.size()];
        for (int i = 0; i < shares.size(); i++) {
            int xi = shares.get(i).index;
            int l = 1;
            for (int j = 0; j < shares.size(); j++) {
                if (j != i) {
                    int xj = shares.get(j).index;
                    l = Gf256.mul(l, Gf256.div(xj, Gf256.add(xj, xi)));
                }
            }
            basis[i] = l;
        }
        return basis;
    }
}
