package sovereign.munin.keep.app.keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.RotationPolicy;
import sovereign.munin.keep.log.CanonicalJson;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/**
 * The trust file for offline verifiers: every asymmetric key's versions with public keys, validity windows and
 * revocations, as a DSSE envelope (payload type {@value #PAYLOAD_TYPE}, canonical JSON payload) signed by the
 * instance's ML-DSA-65 root-of-trust key, which is made on first use and kept like any managed key.
 */
public final class TrustFiles {

  public static final String PAYLOAD_TYPE = "application/vnd.munin-keep.trust.v1+json";
  /** The reserved key that signs trust files. */
  public static final String ROOT_KEY = "_trust-root";

  private final KeepInstance instance;
  private final ManagedKeys keys;
  private final KeyOperations ops;

  public TrustFiles(KeepInstance instance, ManagedKeys keys, KeyOperations ops) {
    this.instance = instance;
    this.keys = keys;
    this.ops = ops;
  }

  /** Why a version in a trust file is no longer trusted: a code, never the free text given at revocation. */
  public static final String REVOCATION_REASON = "key-compromise";

  /** The signed trust file of every project, as JSON text: for roles that see keys organisation-wide. */
  public String export(String actor) {
    return export(actor, null);
  }

  /**
   * The signed trust file as JSON text, of the keys of {@code project} only (its payload names it), or of every
   * project when {@code project} is null.
   */
  public String export(String actor, String project) {
    ensureRoot(actor);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("v", 1);
    body.put("instance", instance.config().instanceId());
    body.put("issuedAt", instance.clock().instant().toString());
    body.put("scope", project == null ? "organisation" : "project:" + project);
    List<Object> list = new ArrayList<>();
    for (KeyView k : keys.list()) {
      if (KeyType.fromId(k.type()).symmetric()) {
        continue;
      }
      if (project != null && !project.equals(k.project()) && !k.name().equals(ROOT_KEY)) {
        continue;
      }
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("name", k.name());
      key.put("project", k.project());
      key.put("type", k.type());
      key.put("purpose", k.purpose());
      key.put("status", k.status());
      List<Object> versions = new ArrayList<>();
      for (KeyView.Version v : k.versions()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("state", v.state());
        m.put("keyId", v.publicKeyId());
        m.put("publicKey", ops.exportPublic(k.name(), v.version()));
        putIfSet(m, "validFrom", v.activatedAt());
        putIfSet(m, "validUntil", v.retiredAt() != null ? v.retiredAt() : v.overlapUntil());
        putIfSet(m, "compromisedAt", v.compromisedAt());
        if (v.compromisedAt() != null) {
          m.put("revocationReason", REVOCATION_REASON);
          m.put("signaturesBeforeCompromise", signaturesBeforeCompromise(k.name(), v.version()));
        }
        versions.add(m);
      }
      key.put("versions", versions);
      list.add(key);
    }
    body.put("keys", list);
    byte[] payload = CanonicalJson.encode(body);
    var sig = ops.signAny(ROOT_KEY, pae(payload), null, actor);
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("payloadType", PAYLOAD_TYPE);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    envelope.put("signatures", List.of(Map.of("keyid", sig.publicKeyId(),
        "sig", Base64.getEncoder().encodeToString(sig.signature()))));
    return new String(CanonicalJson.encode(envelope), StandardCharsets.UTF_8);
  }

  /**
   * SHA-256 hashes of the signatures this instance made with a compromised version before its compromise time: the
   * only ones an offline verifier may still accept, since it has no trusted time of its own.
   */
  private List<String> signaturesBeforeCompromise(String name, int version) {
    return instance.state().read(h -> {
      ManagedKeyDao dao = h.attach(ManagedKeyDao.class);
      var key = dao.findKey(name).orElseThrow();
      var row = dao.versions(key.id()).stream().filter(r -> r.version() == version).findFirst().orElseThrow();
      return dao.signaturesBefore(key.id(), version, row.compromisedAt());
    });
  }

  /** The root of trust's public key (PEM) for verifiers to pin; there is none before the first export. */
  public String rootPublicKey() {
    if (keys.list().stream().noneMatch(k -> k.name().equals(ROOT_KEY))) {
      throw new KeepException(KeepException.Kind.NOT_FOUND, "no-trust-root", "there is no root of trust yet: "
          + "the first 'keep trust export' makes it");
    }
    return ops.exportPublic(ROOT_KEY, null);
  }

  /** Makes the root-of-trust key on first use. */
  void ensureRoot(String actor) {
    if (keys.list().stream().noneMatch(k -> k.name().equals(ROOT_KEY))) {
      keys.createChecked(ROOT_KEY, "_instance", "trust-file signing", KeyType.ML_DSA_65.id(),
          new RotationPolicy(0, 0, 0), actor);
    }
  }

  /** DSSE pre-authentication encoding of a trust payload. */
  public static byte[] pae(byte[] payload) {
    byte[] head = ("DSSEv1 " + PAYLOAD_TYPE.length() + " " + PAYLOAD_TYPE + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  private static void putIfSet(Map<String, Object> m, String name, String value) {
    if (value != null) {
      m.put(name, value);
    }
  }
}
