package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final String REFERENCE =
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hash_defaults_writesPhcStringRecordingParameters() {
        String encoded = hasher.hash(password("correct horse battery staple"));

        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verify_samePassword_true() throws Exception {
        String encoded = hasher.hash(password("correct horse battery staple"));

        assertThat(hasher.verify(password("correct horse battery staple"), encoded)).isTrue();
    }

    @Test
    void verify_wrongPassword_false() throws Exception {
        String encoded = hasher.hash(password("correct horse battery staple"));

        assertThat(hasher.verify(password("correct horse battery stapl"), encoded)).isFalse();
        assertThat(hasher.verify(password("Correct horse battery staple"), encoded)).isFalse();
    }

    @Test
    void hash_samePasswordTwice_differsBySalt() throws Exception {
        String first = hasher.hash(password("same"));
        String second = hasher.hash(password("same"));

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify(password("same"), first)).isTrue();
        assertThat(hasher.verify(password("same"), second)).isTrue();
    }

    @Test
    void verify_hashFromReferenceImplementation_usesItsRecordedParameters() throws Exception {
        assertThat(hasher.verify(password("password"), REFERENCE)).isTrue();
        assertThat(hasher.verify(password("passwore"), REFERENCE)).isFalse();
    }

    @Test
    void verify_tamperedHashWithHugeCost_throwsFormatException() {
        String tampered = REFERENCE.replace("m=256,t=2", "m=4194304,t=2");

        assertThatThrownBy(() -> hasher.verify(password("password"), tampered))
                .isInstanceOf(PasswordHashFormatException.class);
    }

    @Test
    void verify_garbage_throwsFormatException() {
        assertThatThrownBy(() -> hasher.verify(password("password"), "password"))
                .isInstanceOf(PasswordHashFormatException.class);
    }

    @Test
    void verify_overLongPassword_false() throws Exception {
        byte[] longPassword = new byte[PasswordHasher.MAX_PASSWORD_BYTES + 1];

        assertThat(hasher.verify(SecretBytes.copyOf(longPassword), REFERENCE)).isFalse();
    }

    @Test
    void hash_overLongPassword_throwsIllegalArgument() {
        SecretBytes longPassword = SecretBytes.copyOf(new byte[PasswordHasher.MAX_PASSWORD_BYTES + 1]);

        assertThatThrownBy(() -> hasher.hash(longPassword))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1024 bytes");
    }

    @Test
    void hash_emptyPassword_throwsIllegalArgument() {
        assertThatThrownBy(() -> hasher.hash(SecretBytes.copyOf(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_weakerThanDefault_throwsIllegalArgument() {
        assertThatThrownBy(() -> new PasswordHasher(new Argon2Params(4096, 2, 1), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weaker");
        assertThatThrownBy(() -> new PasswordHasher(new Argon2Params(65536, 1, 1), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsRehash_writtenWithCurrentParameters_false() throws Exception {
        String encoded = hasher.hash(password("pw"));

        assertThat(hasher.needsRehash(encoded)).isFalse();
        assertThat(PasswordHasher.needsRehash(encoded, Argon2Params.DEFAULT)).isFalse();
    }

    @Test
    void needsRehash_parametersRaisedSince_true() throws Exception {
        String encoded = hasher.hash(password("pw"));

        assertThat(PasswordHasher.needsRehash(encoded, new Argon2Params(47104, 2, 1))).isTrue();
        assertThat(PasswordHasher.needsRehash(encoded, new Argon2Params(19456, 3, 1))).isTrue();
        assertThat(PasswordHasher.needsRehash(encoded, new Argon2Params(19456, 2, 2))).isTrue();
    }

    @Test
    void needsRehash_otherSaltAndHashLengths_true() throws Exception {
        String sameParamsShortSalt = REFERENCE.replace("m=256", "m=19456");

        assertThat(PasswordHasher.needsRehash(sameParamsShortSalt, Argon2Params.DEFAULT)).isTrue();
    }

    @Test
    void needsRehash_malformed_throwsFormatException() {
        assertThatThrownBy(() -> PasswordHasher.needsRehash("$2b$12$abc", Argon2Params.DEFAULT))
                .isInstanceOf(PasswordHashFormatException.class);
    }

    private static SecretBytes password(String text) {
        return SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
    }
}
