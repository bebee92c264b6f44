package sovereign.munin.keep.crypto.internal;

/**
 * Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B).
 *
 * <p>Multiplication runs without lookup tables or data-dependent branches: the operands are secret bytes
 * during Shamir splitting and combining, and table lookups would leak them through the cache.
 */
public final class Gf256 {
    private Gf256() {}

    /** Addition and subtraction are the same operation in characteristic 2. */
    public static int add(int a, int b) {
        return (a ^ b) & 0xFF;
    }

    public static int mul(int a, int b) {
        a &= 0xFF;
        b &= 0xFF;
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            product ^= a & -(b & 1);
            b >>>= 1;
            int highBitMask = -((a >>> 7) & 1);
            a = ((a << 1) ^ (0x1B & highBitMask)) & 0xFF;
        }
        return product;
    }

    /** The multiplicative inverse, a^254 by Fermat; zero has none. */
    public static int inverse(int a) {
        if ((a & 0xFF) == 0) {
            throw new ArithmeticException("zero has no inverse in GF(2^8)");
        }
        int square = mul(a, a); // a^2
        int result = square;
        // a^254 = a^2 * a^4 * ... * a^128
        for (int i = 0; i < 6; i++) {
            square = mul(square, square);
            result = mul(result, square);
        }
        return result;
    }

    public static int div(int a, int b) {
        return mul(a, inverse(b));
    }
}
