package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Human wording of a seal status answer. */
final class SealText {

  private SealText() {}

  static String describe(String url, JsonNode s) {
    StringBuilder sb = new StringBuilder();
    sb.append("Server:    ").append(url).append('\n');
    sb.append("Instance:  ").append(s.path("instanceId").asText()).append(" (").append(s.path("mode").asText())
        .append(" mode, version ").append(s.path("version").asText()).append(")\n");
    if (s.path("sealed").asBoolean(true)) {
      sb.append("Seal:      SEALED (").append(s.path("seal").asText()).append(')');
      if ("shamir".equals(s.path("seal").asText())) {
        int need = s.path("threshold").asInt();
        int have = s.path("progress").asInt();
        sb.append(" - ").append(have).append(" of ").append(need).append(" shares received; ")
            .append(need - have).append(" more needed (keep unseal --share FILE)");
      }
    } else {
      sb.append("Seal:      unsealed (").append(s.path("seal").asText()).append(')');
    }
    int quorum = s.path("witnessQuorum").asInt(0);
    if (s.has("witnessQuorum")) {
      sb.append('\n').append("Witnesses: ").append(quorum == 0
          ? "none required (witness_quorum = 0): a checkpoint counts as final without any independent cosignature,"
              + " so nothing outside this instance would notice a rewritten log; register witnesses ('keep audit "
              + "add-witness') and set audit.witness_quorum"
          : quorum + " cosignature(s) make a checkpoint final");
    }
    JsonNode integrity = s.path("auditIntegrity");
    if (integrity.isObject()) {
      if (integrity.path("ok").asBoolean(true)) {
        sb.append('\n').append("Audit log: passed its integrity checks");
      } else {
        sb.append('\n').append("Audit log: INTEGRITY ALARM").append(integrity.path("signing").asBoolean(true) ? ""
            : " - no new checkpoints are signed until the cause is found");
        for (JsonNode a : integrity.path("alarms")) {
          sb.append('\n').append("           ").append(a.path("kind").asText()).append(" at ")
              .append(a.path("at").asText()).append(" (the server log and 'keep audit search --action "
                  + "audit.integrity-alarm' say more)");
        }
      }
    }
    return sb.toString();
  }
}
