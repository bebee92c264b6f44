package sovereign.munin.keep.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Gf256Test {
    @Test
    void mul_knownAesFieldProducts_match() {
        assertThat(Gf256.mul(0x53, 0xCA)).isEqualTo(0x01); // FIPS-197 inverse pair
        assertThat(Gf256.mul(0x57, 0x83)).isEqualTo(0xC1); // FIPS-197 section 4.2
        assertThat(Gf256.mul(0x57, 0x13)).isEqualTo(0xFE); // FIPS-197 section 4.2.1
        assertThat(Gf256.mul(0x00, 0xFF)).isZero();
        assertThat(Gf256.mul(0x01, 0xAB)).isEqualTo(0xAB);
    }

    @Test
    void mul_allPairs_matchCarrylessMultiplyReducedBy0x11B() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf256.mul(a, b)).as("%02x * %02x", a, b).isEqualTo(reference(a, b));
            }
        }
    }

    @Test
    void inverse_everyNonZeroElement_multipliesToOne() {
        assertThat(Gf256.inverse(0x53)).isEqualTo(0xCA);
        for (int a = 1; a < 256; a++) {
            assertThat(Gf256.mul(a, Gf256.inverse(a))).as("a=%02x", a).isEqualTo(1);
        }
    }

    @Test
    void inverse_zero_throws() {
        assertThatThrownBy(() -> Gf256.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void powersOfThree_coverAllNonZeroElements_generatorOfOrder255() {
        Set<Integer> seen = new HashSet<>();
        int x = 1;
        for (int i = 0; i < 255; i++) {
            seen.add(x);
            x = Gf256.mul(x, 3);
        }
        assertThat(seen).hasSize(255).doesNotContain(0);
        assertThat(x).isEqualTo(1);
    }

    /** Schoolbook polynomial product, then long division by x^8+x^4+x^3+x+1: independent of the code under test. */
    private static int reference(int a, int b) {
        int product = 0;
        for (int i = 0; i < 8; i++) {
            if ((b >> i & 1) == 1) {
                product ^= a << i;
            }
        }
        for (int bit = 14; bit >= 8; bit--) {
            if ((product >> bit & 1) == 1) {
                product ^= 0x11B << (bit - 8);
            }
        }
        return product;
    }
}
