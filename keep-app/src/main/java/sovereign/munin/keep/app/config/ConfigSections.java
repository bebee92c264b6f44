package sovereign.munin.keep.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.SessionPolicy;

/** The policy tables of keep.toml ([sessions], [access], [webauthn]), each key overridable from the environment. */
final class ConfigSections {

  private ConfigSections() {}

  /** [webauthn]: the relying party id browsers open the console at, and extra accepted origins. */
  static WebAuthnSettings webauthn(JsonNode wa, Map<String, String> env) {
    return WebAuthnSettings.parse(
        KeepConfig.text(wa, env, "rp_id", "KEEP_WEBAUTHN_RP_ID", WebAuthnSettings.DEFAULT.rpId()),
        KeepConfig.text(wa, env, "rp_name", "KEEP_WEBAUTHN_RP_NAME", WebAuthnSettings.DEFAULT.rpName()),
        KeepConfig.text(wa, env, "origins", "KEEP_WEBAUTHN_ORIGINS", ""));
  }

  /** [access]: the longest grant one may ask for and how long a request waits for both approvals. */
  static sovereign.munin.keep.governance.AccessPolicy access(JsonNode node, Map<String, String> env) {
    var d = sovereign.munin.keep.governance.AccessPolicy.DEFAULT;
    int max = number(KeepConfig.text(node, env, "max_grant_days", "KEEP_ACCESS_MAX_GRANT_DAYS",
        "" + d.maxGrantDuration().toDays()), "access.max_grant_days", 1, 366);
    int pending = number(KeepConfig.text(node, env, "pending_days", "KEEP_ACCESS_PENDING_DAYS",
        "" + d.pendingTimeout().toDays()), "access.pending_days", 1, 90);
    return new sovereign.munin.keep.governance.AccessPolicy(java.time.Duration.ofDays(max),
        java.time.Duration.ofDays(pending));
  }

  /** [access]: how often every grant is put to review, and how long owners have to re-certify. */
  static sovereign.munin.keep.governance.ReviewPolicy reviews(JsonNode node, Map<String, String> env) {
    var d = sovereign.munin.keep.governance.ReviewPolicy.DEFAULT;
    int every = number(KeepConfig.text(node, env, "review_every_days", "KEEP_ACCESS_REVIEW_EVERY_DAYS",
        "" + d.interval().toDays()), "access.review_every_days", 1, 366);
    int window = number(KeepConfig.text(node, env, "review_window_days", "KEEP_ACCESS_REVIEW_WINDOW_DAYS",
        "" + d.responseWindow().toDays()), "access.review_window_days", 1, 90);
    if (window >= every) {
      throw KeepException.badInput("bad-config", "access.review_window_days (" + window + ") must be shorter than "
          + "access.review_every_days (" + every + ")");
    }
    return new sovereign.munin.keep.governance.ReviewPolicy(java.time.Duration.ofDays(every),
        java.time.Duration.ofDays(window));
  }

  /** The [sessions] table: idle timeout, absolute lifetime and how fresh MFA must be for sensitive actions. */
  static sovereign.munin.keep.governance.SessionPolicy sessions(JsonNode node, Map<String, String> env) {
    var d = sovereign.munin.keep.governance.SessionPolicy.DEFAULT;
    int idle = number(KeepConfig.text(node, env, "idle_minutes", "KEEP_SESSIONS_IDLE_MINUTES",
        "" + d.idle().toMinutes()),
        "sessions.idle_minutes", 1, 24 * 60);
    int absolute = number(KeepConfig.text(node, env, "absolute_hours", "KEEP_SESSIONS_ABSOLUTE_HOURS",
        "" + d.absolute().toHours()), "sessions.absolute_hours", 1, 7 * 24);
    int stepUp = number(KeepConfig.text(node, env, "step_up_minutes", "KEEP_SESSIONS_STEP_UP_MINUTES",
        "" + d.stepUp().toMinutes()), "sessions.step_up_minutes", 1, 60);
    if (idle > absolute * 60) {
      throw KeepException.badInput("bad-config", "sessions.idle_minutes (" + idle + ") cannot exceed "
          + "sessions.absolute_hours (" + absolute + " h)");
    }
    return new sovereign.munin.keep.governance.SessionPolicy(java.time.Duration.ofMinutes(idle),
        java.time.Duration.ofHours(absolute), java.time.Duration.ofMinutes(stepUp));
  }

  static int number(String text, String key, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      n = Integer.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw KeepException.badInput("bad-config", key + " must be a whole number from " + min + " to " + max
          + ", not '" + text + "'");
    }
    return n;
  }
}
