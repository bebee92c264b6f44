package sovereign.munin.keep.app.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signatures;

/**
 * Checks a trust file with no server and no database: the envelope must carry a valid ML-DSA-65 signature by the
 * pinned root of trust; then signatures are judged by the versions, validity and revocations the file lists.
 */
public final class TrustFileVerifier {

  /** Largest trust file read; the revocation lists of busy keys make it grow, 64 MiB is far beyond that. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  /** A verified trust file's contents. */
  public record Contents(String instance, String issuedAt, String rootKeyId, List<JsonNode> keys) {}

  /** The outcome for one signature; {@code version} is 0 when no version matched. */
  public record Verdict(boolean valid, int version, String reason) {}

  private final Contents contents;

  private TrustFileVerifier(Contents contents) {
    this.contents = contents;
  }

  /** Verifies the envelope against the pinned root public key, or throws a bad-input error naming the fault. */
  public static TrustFileVerifier open(byte[] file, PublicKey root) {
    if (file.length > MAX_BYTES) {
      throw bad("trust-file-too-large", "the trust file is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode envelope = parse(file, "the trust file is not JSON");
    if (!TrustFiles.PAYLOAD_TYPE.equals(envelope.path("payloadType").asText())) {
      throw bad("trust-file-type", "not a trust file: payloadType is '" + envelope.path("payloadType").asText()
          + "', expected " + TrustFiles.PAYLOAD_TYPE);
    }
    byte[] payload = base64(envelope.path("payload").asText(), "payload");
    String rootId = KeyId.of(root);
    boolean signed = false;
    for (JsonNode sig : envelope.path("signatures")) {
      if (rootId.equals(sig.path("keyid").asText())) {
        signed = verify(root, TrustFiles.pae(payload), base64(sig.path("sig").asText(), "signature"));
      }
    }
    if (!signed) {
      throw bad("trust-file-signature", "the trust file is not signed by the pinned root of trust " + rootId
          + " (wrong root, or the file was changed)");
    }
    JsonNode body = parse(payload, "the trust file's payload is not JSON");
    if (body.path("v").asInt() != 1) {
      throw bad("trust-file-version", "unsupported trust file version " + body.path("v"));
    }
    List<JsonNode> keys = new ArrayList<>();
    body.path("keys").forEach(keys::add);
    return new TrustFileVerifier(new Contents(body.path("instance").asText(), body.path("issuedAt").asText(),
        rootId, List.copyOf(keys)));
  }

  public Contents contents() {
    return contents;
  }

  /** Judges a raw signature over {@code message} by the named key, as the server would. */
  public Verdict check(String keyName, byte[] message, byte[] signature) {
    JsonNode key = contents.keys().stream().filter(k -> keyName.equals(k.path("name").asText())).findFirst()
        .orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND, "key-not-in-trust-file",
            "the trust file lists no key named '" + keyName + "'"));
    KeyType type = KeyType.fromId(key.path("type").asText());
    if (!type.signs()) {
      throw bad("key-not-for-signing", "key '" + keyName + "' is a " + type.id() + " key, not a signing key");
    }
    SignatureAlgorithm alg = type.signatureAlgorithm();
    for (JsonNode v : key.path("versions")) {
      if (matches(alg, v, message, signature)) {
        return judge(v, signature);
      }
    }
    return new Verdict(false, 0, "no version of '" + keyName + "' made this signature");
  }

  private static Verdict judge(JsonNode v, byte[] signature) {
    int version = v.path("version").asInt();
    String state = v.path("state").asText();
    if (v.hasNonNull("compromisedAt")) {
      String hash = KeyUse.sha256Hex(signature);
      for (JsonNode known : v.path("signaturesBeforeCompromise")) {
        if (hash.equals(known.asText())) {
          return new Verdict(true, version, "made by version " + version + " before its compromise at "
              + v.path("compromisedAt").asText());
        }
      }
      return new Verdict(false, version, "version " + version + " was compromised at "
          + v.path("compromisedAt").asText() + " and this signature is not listed as made before it");
    }
    Optional<VersionState> st = java.util.Arrays.stream(VersionState.values())
        .filter(s -> s.id().equals(state)).findFirst();
    if (st.isEmpty() || !st.get().verifies()) {
      return new Verdict(false, version, "version " + version + " is " + state);
    }
    return new Verdict(true, version, "valid signature by version " + version);
  }

  private static boolean matches(SignatureAlgorithm alg, JsonNode v, byte[] message, byte[] signature) {
    try {
      PublicKey pk = sovereign.munin.keep.crypto.Pem.parsePublicKey(v.path("publicKey").asText());
      return Signatures.verifier(alg, pk).verify(message, signature);
    } catch (KeepCryptoException e) {
      return false;
    }
  }

  private static boolean verify(PublicKey root, byte[] pae, byte[] sig) {
    try {
      return Signatures.verifier(SignatureAlgorithm.ML_DSA_65, root).verify(pae, sig);
    } catch (KeepCryptoException e) {
      throw bad("trust-root-type", "the pinned root of trust must be an ML-DSA-65 public key: " + e.getMessage());
    }
  }

  private static JsonNode parse(byte[] data, String what) {
    try {
      JsonNode n = JSON.readTree(new String(data, StandardCharsets.UTF_8));
      if (n == null || !n.isObject()) {
        throw bad("trust-file-malformed", what);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw bad("trust-file-malformed", what);
    }
  }

  private static byte[] base64(String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw bad("trust-file-malformed", "the trust file's " + field + " is not base64");
    }
  }

  private static KeepException bad(String type, String message) {
    return KeepException.badInput(type, message);
  }
}
