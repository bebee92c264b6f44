package sovereign.munin.keep.app.keys;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/** Key version rows to and from the JSON maps inside a backup payload. */
final class BackupRows {

  private BackupRows() {}

  static Map<String, Object> version(KeyVersionRow v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", v.version());
    m.put("state", v.state());
    m.put("publicKey", v.publicKey() == null ? null : Base64.getEncoder().encodeToString(v.publicKey()));
    m.put("publicKeyId", v.publicKeyId());
    m.put("createdAt", v.createdAt());
    m.put("activatedAt", v.activatedAt());
    m.put("overlapUntil", v.overlapUntil());
    m.put("retiredAt", v.retiredAt());
    m.put("archivedAt", v.archivedAt());
    m.put("destroyedAt", v.destroyedAt());
    m.put("compromisedAt", v.compromisedAt());
    m.put("compromiseReason", v.compromiseReason());
    m.put("useCount", v.useCount());
    return m;
  }

  static KeyVersionRow version(String keyId, com.fasterxml.jackson.databind.JsonNode n) {
    return new KeyVersionRow(keyId, n.path("version").asInt(), n.path("state").asText(),
        n.path("publicKey").isTextual() ? Base64.getDecoder().decode(n.path("publicKey").asText()) : null,
        text(n, "publicKeyId"), n.path("createdAt").asLong(), num(n, "activatedAt"), num(n, "overlapUntil"),
        num(n, "retiredAt"), num(n, "archivedAt"), num(n, "destroyedAt"), num(n, "compromisedAt"),
        text(n, "compromiseReason"), n.path("useCount").asLong());
  }

  /** A signature hash from a backup: lowercase hex SHA-256, checked so a bad payload cannot plant other text. */
  static String signatureHash(com.fasterxml.jackson.databind.JsonNode n) {
    String h = n.asText("");
    if (!h.matches("[0-9a-f]{64}")) {
      throw sovereign.munin.keep.app.KeepException.badInput("backup-invalid", "the backup lists a signature hash "
          + "that is not a SHA-256 hex string");
    }
    return h;
  }

  private static Long num(com.fasterxml.jackson.databind.JsonNode n, String f) {
    return n.path(f).isNumber() ? n.path(f).asLong() : null;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String f) {
    return n.path(f).isTextual() ? n.path(f).asText() : null;
  }
}
