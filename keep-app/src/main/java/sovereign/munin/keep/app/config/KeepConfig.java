package sovereign.munin.keep.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.DatabaseUrl;

/**
 * An instance's configuration from {@code keep.toml}, each key overridable by a {@code KEEP_*} environment variable
 * ({@code listen} by {@code KEEP_LISTEN}, {@code database.state} by {@code KEEP_DATABASE_STATE}, and so on).
 */
public record KeepConfig(String instanceId, boolean dev, ListenAddress listen, DatabaseUrl stateDb,
    DatabaseUrl keysDb, Path tlsCert, Path tlsKey, int witnessQuorum,
    sovereign.munin.keep.governance.SessionPolicy sessions, sovereign.munin.keep.governance.AccessPolicy access,
    sovereign.munin.keep.governance.ReviewPolicy reviews, WebAuthnSettings webauthn) {

  private static final long MAX_CONFIG_BYTES = 64 * 1024;

  public KeepConfig {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(stateDb, "stateDb");
    Objects.requireNonNull(keysDb, "keysDb");
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(reviews, "reviews");
    Objects.requireNonNull(webauthn, "webauthn");
  }

  /** Reads keep.toml from the data directory and applies environment overrides. */
  public static KeepConfig load(DataDirectory dir, Map<String, String> env) {
    Path file = dir.config();
    JsonNode root;
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw KeepException.badInput("bad-config", file + " is larger than 64 KiB");
      }
      root = new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw KeepException.badInput("bad-config", "cannot read " + file + ": " + e.getMessage());
    }
    String instanceId = required(root, "instance_id", file);
    String mode = text(root, env, "mode", "KEEP_MODE", "production");
    if (!mode.equals("dev") && !mode.equals("production")) {
      throw KeepException.badInput("bad-config", file + ": mode must be \"dev\" or \"production\", not \"" + mode + "\"");
    }
    ListenAddress listen = ListenAddress.parse(text(root, env, "listen", "KEEP_LISTEN", ListenAddress.DEFAULT.toString()));
    DatabaseUrl state = database(dir, text(root.path("database"), env, "state", "KEEP_DATABASE_STATE", "sqlite:keep.db"));
    DatabaseUrl keys = database(dir, text(root.path("database"), env, "keys", "KEEP_DATABASE_KEYS", "sqlite:keys.db"));
    Path cert = dir.root().resolve(text(root.path("tls"), env, "cert", "KEEP_TLS_CERT", "tls/server.crt"));
    Path key = dir.root().resolve(text(root.path("tls"), env, "key", "KEEP_TLS_KEY", "tls/server.key"));
    String quorumText = text(root.path("audit"), env, "witness_quorum", "KEEP_AUDIT_WITNESS_QUORUM", "0");
    int quorum = ConfigSections.number(quorumText, "audit.witness_quorum", 0, 32);
    JsonNode access = root.path("access");
    return new KeepConfig(instanceId, mode.equals("dev"), listen, state, keys, cert, key, quorum,
        ConfigSections.sessions(root.path("sessions"), env), ConfigSections.access(access, env),
        ConfigSections.reviews(access, env), ConfigSections.webauthn(root.path("webauthn"), env));
  }

  /** Resolves {@code sqlite:NAME} relative to the data directory; other URLs as given. */
  public static DatabaseUrl database(DataDirectory dir, String url) {
    if (url.startsWith("sqlite:") && !Path.of(url.substring("sqlite:".length())).isAbsolute()) {
      return DatabaseUrl.sqlite(dir.root().resolve(url.substring("sqlite:".length())));
    }
    return DatabaseUrl.parse(url);
  }

  /** The keep.toml text init writes; values are quoted as TOML basic strings. */
  public static String render(String instanceId, boolean dev, ListenAddress listen, String stateDb, String keysDb) {
    return """
        # Munin Keep configuration. Every key can also be set with a KEEP_* environment variable:
        # KEEP_LISTEN, KEEP_DATABASE_STATE, KEEP_DATABASE_KEYS, KEEP_TLS_CERT, KEEP_TLS_KEY,
        # KEEP_SESSIONS_IDLE_MINUTES, ... (the table name and key in capitals, joined by '_').
        # Prefer the environment for database passwords: this file is not encrypted.
        instance_id = %s
        mode = %s
        listen = %s

        [database]
        state = %s
        keys = %s

        [tls]
        cert = "tls/server.crt"
        key = "tls/server.key"

        [audit]
        # Cosignatures from this many registered witnesses make a checkpoint final (0: no witnesses required).
        witness_quorum = 0

        [sessions]
        # Console and API sessions end after this much inactivity, and after this long in any case.
        idle_minutes = 15
        absolute_hours = 12
        # Sensitive actions (key use and administration, approvals, export, erasure) need an MFA check this recent.
        step_up_minutes = 5

        [access]
        # Longest grant an access request may ask for; days a request waits for both approvals.
        max_grant_days = 90
        pending_days = 14
        # Every grant goes to its project owners for re-certification this often; unanswered ones are revoked.
        review_every_days = 90
        review_window_days = 14

        [webauthn]
        # Passkeys and security keys. rp_id is the domain browsers open the console at (never an IP address);
        # https://<rp_id>:<port> is accepted as origin, plus any listed here, comma-separated.
        rp_id = "localhost"
        # origins = "https://keep.example.org"
        """.formatted(quote(instanceId), quote(dev ? "dev" : "production"), quote(listen.toString()),
        quote(stateDb), quote(keysDb));
  }

  private static String quote(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        throw KeepException.badInput("bad-config", "configuration values cannot contain control characters");
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String required(JsonNode node, String key, Path file) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw KeepException.badInput("bad-config", file + " has no '" + key + "'; was it written by keep init?");
    }
    return v.asText();
  }

  static String text(JsonNode node, Map<String, String> env, String key, String envName, String fallback) {
    String fromEnv = env.get(envName);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    JsonNode v = node == null ? null : node.get(key);
    if (v == null || v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (!v.isTextual()) {
      throw KeepException.badInput("bad-config", "configuration key '" + key + "' must be a string");
    }
    return v.asText();
  }
}
