package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {
    private static final String CODE_SHAPE = "[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}";

    private final SecureRandom rng = new SecureRandom();

    @Test
    void issue_default_tenDistinctCodesWithoutAmbiguousLetters() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(rng);

        assertThat(issued.codes()).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches(CODE_SHAPE));
        assertThat(issued.storedHashes()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void issue_storedHashes_revealNoCode() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(3, rng);

        for (String code : issued.codes()) {
            String bare = code.replace("-", "");
            assertThat(issued.storedHashes()).noneMatch(h -> h.contains(bare) || h.toLowerCase(Locale.ROOT).contains(bare));
        }
        assertThat(issued.storedHashes()).allMatch(h -> h.startsWith("$rc-sha256$"));
    }

    @Test
    void match_eachIssuedCode_returnsItsOwnStoredHash() throws Exception {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(rng);

        for (int i = 0; i < issued.codes().size(); i++) {
            assertThat(RecoveryCodes.match(issued.codes().get(i), issued.storedHashes()))
                    .contains(issued.storedHashes().get(i));
        }
    }

    @Test
    void match_afterCallerDeletesReturnedHash_sameCodeRefused() throws Exception {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(rng);
        List<String> store = new ArrayList<>(issued.storedHashes());
        String code = issued.codes().get(4);

        String used = RecoveryCodes.match(code, store).orElseThrow();
        store.remove(used);

        assertThat(RecoveryCodes.match(code, store)).isEmpty();
        assertThat(RecoveryCodes.match(issued.codes().get(5), store)).isPresent();
    }

    @Test
    void match_typedInUpperCaseWithoutHyphens_matches() throws Exception {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(1, rng);
        String typed = " " + issued.codes().getFirst().replace("-", " ").toUpperCase(Locale.ROOT) + " ";

        assertThat(RecoveryCodes.match(typed, issued.storedHashes())).isPresent();
    }

    @Test
    void canonical_lookalikeLetters_readAsDigits() {
        assertThat(RecoveryCodes.canonical("O1IL-oiLl-7K3Q")).contains("011101117k3q");
    }

    @Test
    void canonical_letterOutsideAlphabetOrWrongLength_empty() {
        assertThat(RecoveryCodes.canonical("uuuu-uuuu-uuuu")).isEmpty();
        assertThat(RecoveryCodes.canonical("abcd-efgh-jkm")).isEmpty();
        assertThat(RecoveryCodes.canonical("abcd-efgh-jkmnp")).isEmpty();
        assertThat(RecoveryCodes.canonical("abcd_efgh_jkmn")).isEmpty();
        assertThat(RecoveryCodes.canonical("-".repeat(100) + "abcdefghjkmn")).isEmpty();
    }

    @Test
    void match_wrongOrForeignCode_empty() throws Exception {
        RecoveryCodes.Issued mine = RecoveryCodes.issue(rng);
        RecoveryCodes.Issued other = RecoveryCodes.issue(rng);

        assertThat(RecoveryCodes.match(other.codes().getFirst(), mine.storedHashes())).isEqualTo(Optional.empty());
        assertThat(RecoveryCodes.match("not a code", mine.storedHashes())).isEmpty();
        assertThat(RecoveryCodes.match(mine.codes().getFirst(), List.of())).isEmpty();
    }

    @Test
    void match_corruptStoredHash_throws() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(2, rng);
        String stored = issued.storedHashes().getFirst();
        String truncated = stored.substring(0, stored.length() - 4);

        assertThatThrownBy(() -> RecoveryCodes.match(issued.codes().getFirst(), List.of("sha256:abc")))
                .isInstanceOf(KeepCryptoException.class);
        assertThatThrownBy(() -> RecoveryCodes.match(issued.codes().getFirst(), List.of(truncated)))
                .isInstanceOf(KeepCryptoException.class);
    }

    @Test
    void issue_countOutOfRange_throwsIllegalArgument() {
        assertThatThrownBy(() -> RecoveryCodes.issue(0, rng)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodes.issue(RecoveryCodes.MAX_COUNT + 1, rng))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issue_repeatingRandomGenerator_refuses() {
        SecureRandom stuck = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 7);
            }
        };

        assertThatThrownBy(() -> RecoveryCodes.issue(2, stuck)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toString_issued_redactsCodes() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue(2, rng);

        assertThat(issued.toString()).doesNotContain(issued.codes().getFirst()).contains("redacted");
    }
}
