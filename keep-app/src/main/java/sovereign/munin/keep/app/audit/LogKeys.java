package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.RootKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Signatures;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.SignatureType;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditKeyDao;

/**
 * The audit log's checkpoint signing keys, Ed25519 and ML-DSA-65: made at init, private halves wrapped by the root
 * key in the key store, public halves as vkeys in the state database so verifiers need no key material.
 */
public final class LogKeys {

  private static final List<Kind> KINDS = List.of(new Kind("ed25519", SignatureAlgorithm.ED25519,
      SignatureType.ED25519), new Kind("ml-dsa-65", SignatureAlgorithm.ML_DSA_65, SignatureType.ML_DSA_65));

  private record Kind(String id, SignatureAlgorithm algorithm, SignatureType type) {}

  private LogKeys() {}

  /** The signed-note origin (and key name) of an instance's log. */
  public static String origin(String instanceId) {
    return "munin-keep/" + instanceId;
  }

  /** Generates and stores both keys; called once, at init. */
  public static List<VerifierKey> create(String instanceId, RootKey root, Database keys, Database state, Clock clock,
      SecureRandom rng) {
    List<VerifierKey> made = new ArrayList<>();
    try {
      for (Kind kind : KINDS) {
        KeyPair kp = Signatures.generate(kind.algorithm(), rng);
        VerifierKey vkey = VerifierKey.of(origin(instanceId), kind.type(), kp.getPublic());
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        byte[] wrapped = root.wrap(pkcs8, aad(kind, instanceId));
        Arrays.fill(pkcs8, (byte) 0);
        keys.transaction(h -> {
          h.attach(AuditKeyDao.class).insertSigningKey(kind.id(), vkey.vkey(), kp.getPublic().getEncoded(), wrapped,
              clock.millis());
          return null;
        });
        state.transaction(h -> {
          h.attach(AuditCheckpointDao.class).insertLogKey(vkey.vkey(), kind.id(), clock.millis());
          return null;
        });
        made.add(vkey);
      }
      return made;
    } catch (KeepCryptoException | LogException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "log-key-failed", "could not create the audit log keys: "
          + e.getMessage(), e);
    }
  }

  /** Unwraps both signing keys; needs the root key, so only while unsealed. */
  public static List<NoteSigner> signers(String instanceId, RootKey root, Database keys) {
    List<AuditKeyDao.SigningKeyRow> rows = keys.read(h -> h.attach(AuditKeyDao.class).signingKeys());
    if (rows.size() != KINDS.size()) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "log-keys-missing",
          "the key store holds " + rows.size() + " audit log signing keys, expected " + KINDS.size());
    }
    List<NoteSigner> signers = new ArrayList<>();
    for (Kind kind : KINDS) {
      var row = rows.stream().filter(r -> r.kind().equals(kind.id())).findFirst().orElseThrow();
      byte[] pkcs8 = root.unwrap(row.wrappedPrivate(), aad(kind, instanceId));
      try {
        PrivateKey priv = Signatures.parsePrivateKey(kind.algorithm(), pkcs8);
        PublicKey pub = Signatures.parsePublicKey(row.publicKey());
        NoteSigner signer = kind.type() == SignatureType.ED25519
            ? NoteSigner.ed25519(origin(instanceId), new KeyPair(pub, priv))
            : NoteSigner.mlDsa65(origin(instanceId), new KeyPair(pub, priv));
        if (!signer.verifierKey().vkey().equals(row.vkey())) {
          throw new KeepException(KeepException.Kind.UNAVAILABLE, "log-keys-mismatch",
              "the stored audit signing key does not match its verifier key");
        }
        signers.add(signer);
      } catch (KeepCryptoException | LogException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "log-keys-unusable",
            "the audit log signing keys cannot be used: " + e.getMessage(), e);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    }
    return signers;
  }

  /**
   * Secret input for keys derived from the log's identity (the audit event MAC): the Ed25519 signing key's
   * PKCS#8 bytes, opened with the root key. The caller wipes it.
   */
  static byte[] macSeed(String instanceId, RootKey root, Database keys) {
    var row = keys.read(h -> h.attach(AuditKeyDao.class).signingKeys()).stream()
        .filter(r -> r.kind().equals(KINDS.getFirst().id())).findFirst().orElseThrow(() -> new KeepException(
            KeepException.Kind.UNAVAILABLE, "log-keys-missing", "the key store holds no Ed25519 audit signing key"));
    return root.unwrap(row.wrappedPrivate(), aad(KINDS.getFirst(), instanceId));
  }

  /** The log's verifier keys as stored in the state database. */
  public static List<VerifierKey> verifierKeys(Database state) {
    List<String> vkeys = state.read(h -> h.attach(AuditCheckpointDao.class).logKeys());
    List<VerifierKey> out = new ArrayList<>();
    for (String v : vkeys) {
      try {
        out.add(VerifierKey.parse(v));
      } catch (LogException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "log-keys-unusable", "a stored log vkey is "
            + "malformed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static byte[] aad(Kind kind, String instanceId) {
    return ("audit-signing-key|" + kind.id() + "|" + instanceId).getBytes(StandardCharsets.UTF_8);
  }
}
