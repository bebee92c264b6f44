package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void parse_postgresUrlWithPassword_buildsJdbcAndHidesPassword() {
    var url = DatabaseUrl.parse("postgresql://keep:s3cr%40t@db.internal:6543/keepdb?sslmode=require");
    assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/keepdb?sslmode=require");
    assertThat(url.user()).isEqualTo("keep");
    assertThat(url.password()).isEqualTo("s3cr@t");
    assertThat(url.toString()).doesNotContain("s3cr").contains("keep@db.internal:6543/keepdb");
  }

  @Test
  void parse_jdbcAndShortForms_areAccepted() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    assertThat(DatabaseUrl.parse("postgres://u@h/db").user()).isEqualTo("u");
    assertThat(DatabaseUrl.parse("sqlite:/tmp/x.db").kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
  }

  @Test
  void parse_unsupportedScheme_namesAcceptedForms() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:pw@h/db"))
        .isInstanceOf(StoreException.Misconfigured.class)
        .hasMessageContaining("sqlite:PATH or postgresql://")
        .hasMessageNotContaining("pw");
  }

  @Test
  void parse_missingDatabaseOrHost_isRefused() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h:5432/")).hasMessageContaining("names no database");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageContaining("no host");
    assertThatThrownBy(() -> DatabaseUrl.parse("  ")).hasMessageContaining("empty");
  }
}
