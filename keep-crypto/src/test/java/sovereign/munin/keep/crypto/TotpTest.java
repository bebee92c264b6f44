package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    private static final SecretBytes RFC_SHA1 = ascii("12345678901234567890");
    private static final SecretBytes RFC_SHA256 = ascii("12345678901234567890123456789012");
    private static final SecretBytes RFC_SHA512 =
            ascii("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B: time, SHA1, SHA256, SHA512 (8 digits, 30 s step, T0 = 0).
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826",
    })
    void codeAt_rfc6238AppendixB_matches(long time, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(time);
        Totp t1 = new Totp(Totp.Algorithm.SHA1, 8, 30);
        Totp t256 = new Totp(Totp.Algorithm.SHA256, 8, 30);
        Totp t512 = new Totp(Totp.Algorithm.SHA512, 8, 30);

        assertThat(t1.codeAt(RFC_SHA1, t1.stepAt(at))).isEqualTo(sha1);
        assertThat(t256.codeAt(RFC_SHA256, t256.stepAt(at))).isEqualTo(sha256);
        assertThat(t512.codeAt(RFC_SHA512, t512.stepAt(at))).isEqualTo(sha512);
    }

    @Test
    void codeAt_defaultSixDigits_isLastSixOfEightDigitCode() {
        // Truncation is modulo 10^digits, so the 6-digit code is the 8-digit one's tail.
        assertThat(Totp.DEFAULT.codeAt(RFC_SHA1, 1)).isEqualTo("287082");
        assertThat(Totp.DEFAULT.codeAt(RFC_SHA1, Totp.DEFAULT.stepAt(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
    }

    @Test
    void verify_currentCode_returnsCurrentStep() {
        Instant now = Instant.ofEpochSecond(1111111109);

        OptionalLong step = Totp.DEFAULT.verify(RFC_SHA1, "081804", now, -1);

        assertThat(step).hasValue(1111111109L / 30);
    }

    @Test
    void verify_codeOneStepEitherSide_acceptedForClockDrift() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long current = Totp.DEFAULT.stepAt(now);

        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current - 1), now, -1))
                .hasValue(current - 1);
        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current + 1), now, -1))
                .hasValue(current + 1);
    }

    @Test
    void verify_codeTwoStepsAway_refused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long current = Totp.DEFAULT.stepAt(now);

        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current - 2), now, -1)).isEmpty();
        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current + 2), now, -1)).isEmpty();
    }

    @Test
    void verify_sameCodeReplayedWithStoredStep_refused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String code = Totp.DEFAULT.codeAt(RFC_SHA1, Totp.DEFAULT.stepAt(now));
        long stored = Totp.DEFAULT.verify(RFC_SHA1, code, now, -1).orElseThrow();

        assertThat(Totp.DEFAULT.verify(RFC_SHA1, code, now.plusSeconds(5), stored)).isEmpty();
    }

    @Test
    void verify_earlierStepAfterLaterOneUsed_refused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long current = Totp.DEFAULT.stepAt(now);

        // The phone ran ahead and its code was used; the still-valid previous step must not open a second session.
        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current - 1), now, current + 1))
                .isEmpty();
    }

    @Test
    void verify_nextStepAfterUse_accepted() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long current = Totp.DEFAULT.stepAt(now);
        Instant later = now.plusSeconds(30);

        assertThat(Totp.DEFAULT.verify(RFC_SHA1, Totp.DEFAULT.codeAt(RFC_SHA1, current + 1), later, current))
                .hasValue(current + 1);
    }

    @Test
    void verify_wrongCode_refused() {
        Instant now = Instant.ofEpochSecond(1111111109);

        assertThat(Totp.DEFAULT.verify(RFC_SHA1, "081805", now, -1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "08180", "0818045", "08180a", " 81804", "０８１８０４"})
    void verify_malformedCode_refused(String code) {
        assertThat(Totp.DEFAULT.verify(RFC_SHA1, code, Instant.ofEpochSecond(1111111109), -1)).isEmpty();
    }

    @Test
    void newSecret_isTwentyRandomBytes() {
        SecureRandom rng = new SecureRandom();
        SecretBytes a = Totp.newSecret(rng);
        SecretBytes b = Totp.newSecret(rng);

        assertThat(a.length()).isEqualTo(20);
        assertThat(a.equalsConstantTime(b)).isFalse();
    }

    @Test
    void codeAt_secretShorterThan128Bits_throwsIllegalArgument() {
        assertThatThrownBy(() -> Totp.DEFAULT.codeAt(ascii("short"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void constructor_unsupportedDigitsOrPeriod_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 5, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 9, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 6, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SecretBytes ascii(String s) {
        return SecretBytes.copyOf(s.getBytes(StandardCharsets.US_ASCII));
    }
}
