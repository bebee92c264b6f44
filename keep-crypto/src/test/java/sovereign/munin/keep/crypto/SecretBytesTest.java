package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
    private static final byte[] CONTENT = "correct horse battery".getBytes(StandardCharsets.US_ASCII);

    @Test
    void toString_anyContent_showsOnlyLength() {
        SecretBytes secret = SecretBytes.copyOf(CONTENT);

        assertThat(secret.toString())
                .isEqualTo("SecretBytes[21 bytes, redacted]")
                .doesNotContain("horse")
                .doesNotContain(HexFormat.of().formatHex(CONTENT).substring(0, 8));
    }

    @Test
    void close_afterUse_zeroisesBackingArray() throws Exception {
        SecretBytes secret = SecretBytes.copyOf(CONTENT);
        Field field = SecretBytes.class.getDeclaredField("bytes");
        field.setAccessible(true);
        byte[] backing = (byte[]) field.get(secret);
        assertThat(backing).isEqualTo(CONTENT);

        secret.close();

        assertThat(backing).containsOnly(0);
        assertThat(secret.isClosed()).isTrue();
    }

    @Test
    void copyBytes_afterClose_throwsIllegalState() {
        SecretBytes secret = SecretBytes.copyOf(CONTENT);
        secret.close();
        secret.close(); // idempotent

        assertThatThrownBy(secret::copyBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(secret.length()).isEqualTo(CONTENT.length);
    }

    @Test
    void copyOf_inputChangedLater_secretKeepsOriginal() {
        byte[] input = CONTENT.clone();
        SecretBytes secret = SecretBytes.copyOf(input);
        input[0] ^= 1;
        byte[] copy = secret.copyBytes();
        copy[1] ^= 1;

        assertThat(secret.copyBytes()).isEqualTo(CONTENT);
    }

    @Test
    void equalsConstantTime_sameContent_true() {
        assertThat(SecretBytes.copyOf(CONTENT).equalsConstantTime(SecretBytes.copyOf(CONTENT))).isTrue();
    }

    @Test
    void equalsConstantTime_differentContentOrLength_false() {
        byte[] lastBitFlipped = CONTENT.clone();
        lastBitFlipped[lastBitFlipped.length - 1] ^= 1;
        byte[] prefix = java.util.Arrays.copyOf(CONTENT, CONTENT.length - 1);

        SecretBytes secret = SecretBytes.copyOf(CONTENT);
        assertThat(secret.equalsConstantTime(SecretBytes.copyOf(lastBitFlipped))).isFalse();
        assertThat(secret.equalsConstantTime(SecretBytes.copyOf(prefix))).isFalse();
    }

    @Test
    void equals_sameContentDifferentInstances_identityOnly() {
        SecretBytes a = SecretBytes.copyOf(CONTENT);
        SecretBytes b = SecretBytes.copyOf(CONTENT);

        assertThat(a).isNotEqualTo(b).isEqualTo(a);
    }

    @Test
    void random_requestedLength_freshBytesEachTime() {
        SecureRandom rng = new SecureRandom();
        SecretBytes a = SecretBytes.random(32, rng);
        SecretBytes b = SecretBytes.random(32, rng);

        assertThat(a.length()).isEqualTo(32);
        assertThat(a.equalsConstantTime(b)).isFalse();
        assertThatThrownBy(() -> SecretBytes.random(0, rng)).isInstanceOf(IllegalArgumentException.class);
    }
}
