package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {
    private static final SecretBytes SECRET = SecretBytes.copyOf("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void totp_plainNames_buildsKeyUri() {
        String uri = OtpAuthUri.totp("Munin Keep", "alice@example.org", SECRET, Totp.DEFAULT);

        assertThat(uri).isEqualTo("otpauth://totp/Munin%20Keep:alice%40example.org"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Munin%20Keep&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void totp_reservedAndNonAsciiCharacters_percentEncodedAsUtf8() {
        String uri = OtpAuthUri.totp("Keep & Co/Øst", "bjørn+ops?x=1#y", SECRET, Totp.DEFAULT);

        assertThat(uri).startsWith("otpauth://totp/Keep%20%26%20Co%2F%C3%98st:bj%C3%B8rn%2Bops%3Fx%3D1%23y?secret=")
                .contains("&issuer=Keep%20%26%20Co%2F%C3%98st&");
    }

    @Test
    void totp_otherParameters_writtenIntoUri() {
        String uri = OtpAuthUri.totp("K", "a", SECRET, new Totp(Totp.Algorithm.SHA256, 8, 60));

        assertThat(uri).endsWith("&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void totp_colonInIssuerOrAccount_throwsIllegalArgument() {
        assertThatThrownBy(() -> OtpAuthUri.totp("Keep:prod", "alice", SECRET, Totp.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer must not contain ':'");
        assertThatThrownBy(() -> OtpAuthUri.totp("Keep", "al:ice", SECRET, Totp.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account");
    }

    @Test
    void totp_blankOrControlCharacters_throwsIllegalArgument() {
        assertThatThrownBy(() -> OtpAuthUri.totp(" ", "alice", SECRET, Totp.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.totp("Keep", "alice\n", SECRET, Totp.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control");
    }

    @Test
    void totp_overLongName_throwsIllegalArgument() {
        assertThatThrownBy(() -> OtpAuthUri.totp("Keep", "a".repeat(OtpAuthUri.MAX_NAME_LENGTH + 1), SECRET,
                Totp.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
