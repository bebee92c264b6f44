package sovereign.munin.keep.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;

class WebAuthnSettingsTest {

  @TempDir
  Path dir;

  @Test
  void load_rendered_defaultsToLocalhost() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), KeepConfig.render("id-1", true, ListenAddress.DEFAULT,
        "sqlite:keep.db", "sqlite:keys.db"));
    KeepConfig c = KeepConfig.load(new DataDirectory(dir), Map.of());
    assertThat(c.webauthn()).isEqualTo(WebAuthnSettings.DEFAULT);
  }

  @Test
  void load_fileAndEnvironment_setIdNameAndOrigins() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), """
        instance_id = "x"
        [webauthn]
        rp_id = "Keep.Example.org"
        rp_name = "Example Keep"
        origins = "https://keep.example.org, https://console.keep.example.org:8443/"
        """);
    KeepConfig c = KeepConfig.load(new DataDirectory(dir), Map.of());
    assertThat(c.webauthn().rpId()).isEqualTo("keep.example.org");
    assertThat(c.webauthn().rpName()).isEqualTo("Example Keep");
    assertThat(c.webauthn().origins()).containsExactly("https://keep.example.org",
        "https://console.keep.example.org:8443");
    KeepConfig env = KeepConfig.load(new DataDirectory(dir), Map.of("KEEP_WEBAUTHN_RP_ID", "other.example",
        "KEEP_WEBAUTHN_ORIGINS", "https://other.example:443"));
    assertThat(env.webauthn().rpId()).isEqualTo("other.example");
    assertThat(env.webauthn().origins()).containsExactly("https://other.example");
  }

  @Test
  void parse_ipAddressAsRpId_isRefusedWithReason() {
    assertThatThrownBy(() -> WebAuthnSettings.parse("127.0.0.1", "Keep", ""))
        .isInstanceOf(KeepException.class).hasMessageContaining("IP addresses");
    assertThatThrownBy(() -> WebAuthnSettings.parse("::1", "Keep", "")).isInstanceOf(KeepException.class);
    assertThatThrownBy(() -> WebAuthnSettings.parse("-bad-.example", "Keep", "")).isInstanceOf(KeepException.class);
  }

  @Test
  void parse_nonHttpsOrPathOrigin_isRefused() {
    assertThatThrownBy(() -> WebAuthnSettings.parse("localhost", "Keep", "http://localhost:8443"))
        .isInstanceOf(KeepException.class).hasMessageContaining("http://localhost:8443");
    assertThatThrownBy(() -> WebAuthnSettings.parse("localhost", "Keep", "https://localhost/console"))
        .isInstanceOf(KeepException.class);
    assertThatThrownBy(() -> WebAuthnSettings.parse("localhost", "Keep", "localhost"))
        .isInstanceOf(KeepException.class);
  }
}
