package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sovereign.munin.keep.crypto.Shamir.Share;

class ShamirTest {
    private static final SecureRandom RNG = new SecureRandom();

    @Test
    void combine_everySubsetOfAtLeastThreeOfFive_recoversSecret() throws Exception {
        SecretBytes secret = SecretBytes.random(32, RNG);
        List<Share> shares = Shamir.split(secret, 5, 3, RNG);

        int checked = 0;
        for (int mask = 0; mask < 32; mask++) {
            if (Integer.bitCount(mask) >= 3) {
                List<Share> subset = subset(shares, mask);
                assertThat(Shamir.combine(subset).equalsConstantTime(secret)).as("subset %s", subset).isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(16); // C(5,3) + C(5,4) + C(5,5)
    }

    @Test
    void combine_sharesInAnyOrder_recoversSecret() throws Exception {
        SecretBytes secret = SecretBytes.random(16, RNG);
        List<Share> shares = new ArrayList<>(Shamir.split(secret, 4, 3, RNG));

        assertThat(Shamir.combine(List.of(shares.get(3), shares.get(0), shares.get(2))).equalsConstantTime(secret)).isTrue();
    }

    @Test
    void combine_everyPairOfThreeOfFive_givesWrongSecret() throws Exception {
        SecretBytes secret = SecretBytes.random(32, RNG);
        List<Share> shares = Shamir.split(secret, 5, 3, RNG);

        for (int mask = 0; mask < 32; mask++) {
            if (Integer.bitCount(mask) == 2) {
                try (SecretBytes guess = Shamir.combine(subset(shares, mask))) {
                    assertThat(guess.equalsConstantTime(secret)).isFalse();
                }
            }
        }
    }

    @Test
    void split_fixedCoefficient_givesHandComputedShares() {
        // threshold 2 makes the polynomial s + a*x; with a = 0x01 the shares are s ^ x.
        SecureRandom ones = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0x01);
            }
        };

        List<Share> shares = Shamir.split(SecretBytes.copyOf(new byte[] {0x42}), 3, 2, ones);

        assertThat(shares).extracting(Share::index).containsExactly(1, 2, 3);
        assertThat(shares).extracting(s -> s.value()[0]).containsExactly((byte) 0x43, (byte) 0x40, (byte) 0x41);
    }

    @Test
    void split_twoOf255_anyTwoRecover() throws Exception {
        SecretBytes secret = SecretBytes.random(8, RNG);
        List<Share> shares = Shamir.split(secret, 255, 2, RNG);

        assertThat(shares).hasSize(255);
        assertThat(Shamir.combine(List.of(shares.get(253), shares.get(254))).equalsConstantTime(secret)).isTrue();
    }

    @Test
    void combine_duplicateIndex_throws() {
        List<Share> shares = Shamir.split(SecretBytes.random(8, RNG), 3, 2, RNG);

        assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shares.get(0))))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("share index 1 appears more than once");
    }

    @Test
    void combine_differentLengths_throws() {
        Share a = Shamir.split(SecretBytes.random(8, RNG), 3, 2, RNG).get(0);
        Share b = Shamir.split(SecretBytes.random(9, RNG), 3, 2, RNG).get(1);

        assertThatThrownBy(() -> Shamir.combine(List.of(a, b)))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("differ in length");
    }

    @Test
    void combine_emptyOrSingle_throws() {
        Share one = Shamir.split(SecretBytes.random(8, RNG), 3, 2, RNG).get(0);

        assertThatThrownBy(() -> Shamir.combine(List.of())).isInstanceOf(KeepCryptoException.class).hasMessage("no shares given");
        assertThatThrownBy(() -> Shamir.combine(List.of(one))).isInstanceOf(KeepCryptoException.class)
                .hasMessageContaining("at least 2");
    }

    @ParameterizedTest
    @CsvSource({"5, 1, threshold must be at least 2", "2, 3, must be at least the threshold", "256, 3, at most 255",
            "0, 0, threshold must be at least 2"})
    void split_badParameters_throwIllegalArgument(int shares, int threshold, String message) {
        assertThatThrownBy(() -> Shamir.split(SecretBytes.random(4, RNG), shares, threshold, RNG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void share_badIndexOrEmptyValue_rejected() {
        assertThatThrownBy(() -> new Share(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Share(256, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Share(1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void share_toStringAndCopies_doNotExposeValue() {
        byte[] value = {0x11, 0x22, 0x33};
        Share share = new Share(7, value);
        value[0] = 0;
        share.value()[1] = 0;

        assertThat(share.value()).containsExactly(0x11, 0x22, 0x33);
        assertThat(share.toString()).isEqualTo("Share[index=7, 3 bytes, redacted]");
        assertThat(share).isEqualTo(new Share(7, new byte[] {0x11, 0x22, 0x33})).isNotEqualTo(new Share(7, new byte[3]));
    }

    private static List<Share> subset(List<Share> shares, int mask) {
        List<Share> out = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            if ((mask >> i & 1) == 1) {
                out.add(shares.get(i));
            }
        }
        return out;
    }
}
