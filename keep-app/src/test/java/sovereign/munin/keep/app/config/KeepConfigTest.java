package sovereign.munin.keep.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.DatabaseUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepConfigTest {

  @TempDir
  Path dir;

  @Test
  void load_rendered_readsBackWithSqliteInDataDir() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), KeepConfig.render("id-1", true, ListenAddress.parse("[::1]:9443"),
        "sqlite:keep.db", "sqlite:keys.db"));
    KeepConfig c = KeepConfig.load(new DataDirectory(dir), Map.of());
    assertThat(c.dev()).isTrue();
    assertThat(c.listen()).isEqualTo(new ListenAddress("::1", 9443));
    assertThat(c.stateDb().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("keep.db").toAbsolutePath());
    assertThat(c.tlsCert()).isEqualTo(dir.resolve("tls/server.crt").toAbsolutePath());
  }

  @Test
  void load_environment_overridesFile() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), KeepConfig.render("id-1", false, ListenAddress.DEFAULT,
        "sqlite:keep.db", "sqlite:keys.db"));
    KeepConfig c = KeepConfig.load(new DataDirectory(dir), Map.of("KEEP_LISTEN", "127.0.0.1:9999",
        "KEEP_DATABASE_STATE", "postgresql://keep@db/state"));
    assertThat(c.listen().port()).isEqualTo(9999);
    assertThat(c.stateDb().kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
  }

  @Test
  void load_sessions_defaultsFromRenderedFileAndOverrides() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), KeepConfig.render("id-1", false, ListenAddress.DEFAULT,
        "sqlite:keep.db", "sqlite:keys.db"));
    KeepConfig rendered = KeepConfig.load(new DataDirectory(dir), Map.of());
    assertThat(rendered.sessions()).isEqualTo(sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
    KeepConfig env = KeepConfig.load(new DataDirectory(dir), Map.of("KEEP_SESSIONS_IDLE_MINUTES", "5",
        "KEEP_SESSIONS_STEP_UP_MINUTES", "2"));
    assertThat(env.sessions().idle()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(env.sessions().stepUp()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(env.sessions().absolute()).isEqualTo(java.time.Duration.ofHours(12));
  }

  @Test
  void load_accessLimits_fromFileAndRefusedWhenIncoherent() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\n[access]\nmax_grant_days = 30\n"
        + "review_every_days = 30\nreview_window_days = 7\n");
    KeepConfig c = KeepConfig.load(new DataDirectory(dir), Map.of());
    assertThat(c.access().maxGrantDuration()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(c.access().pendingTimeout()).isEqualTo(java.time.Duration.ofDays(14));
    assertThat(c.reviews().interval()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(c.reviews().responseWindow()).isEqualTo(java.time.Duration.ofDays(7));
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\n[access]\nreview_every_days = 10\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("shorter than");
  }

  @Test
  void load_badSessionTimes_areClearErrors() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\n[sessions]\nidle_minutes = 0\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("sessions.idle_minutes");
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\n[sessions]\nidle_minutes = 600\n"
        + "absolute_hours = 1\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("cannot exceed");
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\n[sessions]\nstep_up_minutes = \"soon\"\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("'soon'");
  }

  @Test
  void load_badPortInFile_isClearError() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), "instance_id = \"x\"\nlisten = \"127.0.0.1:99999\"\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("99999");
  }

  @Test
  void load_missingInstanceId_namesTheKey() throws Exception {
    Files.writeString(dir.resolve("keep.toml"), "mode = \"dev\"\n");
    assertThatThrownBy(() -> KeepConfig.load(new DataDirectory(dir), Map.of()))
        .isInstanceOf(KeepException.class).hasMessageContaining("instance_id");
  }

  @Test
  void parse_listenForms_acceptedAndRefused() {
    assertThat(ListenAddress.parse("localhost:8443").port()).isEqualTo(8443);
    assertThat(ListenAddress.parse("[::1]:1").host()).isEqualTo("::1");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1")).hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:http")).hasMessageContaining("not a port");
    assertThatThrownBy(() -> ListenAddress.parse("::1:8443")).hasMessageContaining("brackets");
  }
}
