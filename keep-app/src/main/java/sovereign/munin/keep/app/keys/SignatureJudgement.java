package sovereign.munin.keep.app.keys;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Signatures;
import sovereign.munin.keep.crypto.Verifier;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.keys.KeyVersionRow;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/**
 * Decides what a signature that matches a version is worth: valid while the version verifies, and for a
 * compromised version only if this instance made it before the compromise time (it records every signature's
 * SHA-256 with the time it was made).
 */
final class SignatureJudgement {

  private static final int MAX_VERIFIERS = 4096;

  private final Database state;
  // A version's public key never changes, so its parsed verifier can be kept as long as the process lives.
  private final Map<String, Verifier> verifiers = new ConcurrentHashMap<>();

  SignatureJudgement(Database state) {
    this.state = state;
  }

  /** The verification of {@code signature} against the key's versions that hold a public key. */
  KeyOperations.Verification judge(StoredKey k, SignedInput input, byte[] signature, Integer onlyVersion) {
    for (KeyVersionRow v : k.versions()) {
      if (onlyVersion != null && v.version() != onlyVersion) {
        continue;
      }
      if (v.publicKey() != null && matches(k, v, input, signature)) {
        return judge(k, v, signature);
      }
    }
    return new KeyOperations.Verification(false, null, "the signature matches " + (onlyVersion == null
        ? "no version" : "not version " + onlyVersion) + " of key '"
        + k.key().name() + "'");
  }

  private boolean matches(StoredKey k, KeyVersionRow v, SignedInput input, byte[] signature) {
    String id = k.key().id() + "#" + v.version() + "#" + v.publicKeyId();
    Verifier verifier = verifiers.get(id);
    if (verifier == null) {
      try {
        verifier = Signatures.verifier(k.type().signatureAlgorithm(), Signatures.parsePublicKey(v.publicKey()));
      } catch (KeepCryptoException e) {
        return false;
      }
      if (verifiers.size() >= MAX_VERIFIERS) {
        verifiers.clear();
      }
      verifiers.put(id, verifier);
    }
    return input.isDigest() ? verifier.verifyDigest(input.digest(), signature)
        : verifier.verify(input.message(), input.context(), signature);
  }

  private KeyOperations.Verification judge(StoredKey k, KeyVersionRow v, byte[] signature) {
    VersionState st = VersionRows.state(v);
    if (st == VersionState.COMPROMISED) {
      String hash = KeyUse.sha256Hex(signature);
      Optional<Long> signedAt = state.read(h -> h.attach(ManagedKeyDao.class).signedAt(hash, k.key().id(),
          v.version()));
      if (signedAt.isPresent() && signedAt.get() < v.compromisedAt()) {
        return new KeyOperations.Verification(true, v.version(), "made by this instance at "
            + KeyView.time(signedAt.get()) + ", before the compromise at " + KeyView.time(v.compromisedAt()));
      }
      return new KeyOperations.Verification(false, v.version(), "version " + v.version() + " was compromised at "
          + KeyView.time(v.compromisedAt()) + " and this signature is not known to predate it");
    }
    if (!st.verifies()) {
      return new KeyOperations.Verification(false, v.version(), "version " + v.version() + " is " + v.state());
    }
    return new KeyOperations.Verification(true, v.version(), "valid signature by version " + v.version());
  }
}
