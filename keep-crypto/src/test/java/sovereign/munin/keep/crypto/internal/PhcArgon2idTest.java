package sovereign.munin.keep.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.crypto.Argon2Params;
import sovereign.munin.keep.crypto.PasswordHashFormatException;

class PhcArgon2idTest {
    /** Written by the Argon2 reference implementation for password "password", salt "somesalt". */
    static final String REFERENCE = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    @Test
    void parse_referenceString_readsParametersSaltAndHash() throws Exception {
        PhcArgon2id phc = PhcArgon2id.parse(REFERENCE);

        assertThat(phc.params()).isEqualTo(new Argon2Params(256, 2, 1));
        assertThat(new String(phc.salt(), StandardCharsets.US_ASCII)).isEqualTo("somesalt");
        assertThat(phc.hash()).hasSize(32);
    }

    @Test
    void format_parsedString_reproducesItExactly() throws Exception {
        assertThat(PhcArgon2id.parse(REFERENCE).format()).isEqualTo(REFERENCE);
    }

    @Test
    void toString_anyHash_omitsSaltAndHash() throws Exception {
        assertThat(PhcArgon2id.parse(REFERENCE).toString()).doesNotContain("c29tZXNhbHQ").doesNotContain("nf65");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1,keyid=AAAA$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=-256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        " $argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
    })
    void parse_wrongShape_throwsFormatException(String encoded) {
        assertThatThrownBy(() -> PhcArgon2id.parse(encoded)).isInstanceOf(PasswordHashFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m=1048577,t=2,p=1", // over 1 GiB
        "m=9999999999,t=2,p=1", // over int range
        "m=256,t=11,p=1",
        "m=256,t=0,p=1",
        "m=256,t=2,p=9",
        "m=256,t=2,p=0",
        "m=31,t=2,p=4", // under 8 KiB per lane
    })
    void parse_parametersOutOfBounds_throwsFormatException(String params) {
        String encoded = "$argon2id$v=19$" + params + "$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

        assertThatThrownBy(() -> PhcArgon2id.parse(encoded))
                .isInstanceOf(PasswordHashFormatException.class)
                .hasMessageContaining("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // leading zero
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // padding
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHR$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // stray low bits
    })
    void parse_nonCanonical_throwsFormatException(String encoded) {
        assertThatThrownBy(() -> PhcArgon2id.parse(encoded)).isInstanceOf(PasswordHashFormatException.class);
    }

    @Test
    void parse_invalidBase64_throwsFormatException() {
        String encoded = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNh*HQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

        assertThatThrownBy(() -> PhcArgon2id.parse(encoded)).isInstanceOf(PasswordHashFormatException.class);
    }

    @Test
    void parse_saltShorterThanEightBytes_throwsFormatException() {
        String encoded = "$argon2id$v=19$m=256,t=2,p=1$c2FsdA$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

        assertThatThrownBy(() -> PhcArgon2id.parse(encoded))
                .isInstanceOf(PasswordHashFormatException.class)
                .hasMessageContaining("salt");
    }

    @Test
    void parse_hashShorterThanSixteenBytes_throwsFormatException() {
        String encoded = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR";

        assertThatThrownBy(() -> PhcArgon2id.parse(encoded))
                .isInstanceOf(PasswordHashFormatException.class)
                .hasMessageContaining("hash");
    }

    @Test
    void parse_overLongString_throwsBeforeParsing() {
        String encoded = REFERENCE + "A".repeat(PhcArgon2id.MAX_ENCODED_LENGTH);

        assertThatThrownBy(() -> PhcArgon2id.parse(encoded))
                .isInstanceOf(PasswordHashFormatException.class)
                .hasMessageContaining("longer than");
    }
}
