package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.VerifiedCheckpoint;
import sovereign.munin.keep.log.VerifierKey;

/**
 * The server's audit log as the CLI checks it: its origin and a verifier for its checkpoints, from pinned keys
 * when the user gave {@code --key}, else from the keys the server reports.
 */
record ServedLog(String origin, NoteVerifier verifier) {

  static ServedLog fetch(KeepCommand keep, TrustedLogKeys trusted) throws LogException {
    JsonNode k = keep.api().get("/api/v1/audit/key", keep.token());
    List<VerifierKey> keys = new ArrayList<>();
    if (trusted.keys() != null) {
      keys.addAll(trusted.keys());
    } else {
      for (JsonNode v : k.path("vkeys")) {
        keys.add(VerifierKey.parse(v.asText().strip()));
      }
    }
    return new ServedLog(k.path("origin").asText(), NoteVerifier.requiringAll(keys));
  }

  /** Opens a signed checkpoint note the server returned, checking its signatures. */
  VerifiedCheckpoint open(String note) throws LogException {
    return VerifiedCheckpoint.open(note.getBytes(StandardCharsets.UTF_8), origin, verifier);
  }

  /** The base64 hashes of a proof answer. */
  static List<Hash> hashes(JsonNode answer) {
    List<Hash> out = new ArrayList<>();
    answer.path("hashes").forEach(h -> out.add(Hash.fromBase64(h.asText())));
    return out;
  }
}
