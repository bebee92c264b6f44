package sovereign.munin.keep.app.keys;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SignatureAlgorithm;
import sovereign.munin.keep.crypto.Prehash;

/**
 * What a signature covers: a whole {@code message} (with an optional ML-DSA {@code context}), or the
 * {@code digest} of one the caller computed (for files too large to send: SHA-384 for ECDSA P-384, SHA-256 for
 * RSA-PSS, mu for ML-DSA, which already covers the context). Either way the signature is the algorithm's ordinary
 * signature over the message.
 */
public record SignedInput(byte[] message, byte[] digest, byte[] context) {

  /** A whole message, no context. */
  public static SignedInput message(byte[] message) {
    return new SignedInput(message, null, null);
  }

  /** True when the caller sent a digest rather than the message. */
  public boolean isDigest() {
    return digest != null;
  }

  /** Refuses an input that makes no sense for {@code alg}, with the reason in words. */
  void check(SignatureAlgorithm alg, String key) {
    if ((message == null) == (digest == null)) {
      throw KeepException.badInput("missing-field", "send either \"message\" or \"digest\" (base64), not both");
    }
    try {
      if (digest != null) {
        if (context != null && context.length > 0) {
          throw KeepException.badInput("context-with-digest", "a digest already covers the context (ML-DSA mu "
              + "is computed with it); send \"context\" only with a whole message");
        }
        int n = Prehash.digestLength(alg);
        if (digest.length != n) {
          throw KeepException.badInput("bad-digest", "key '" + key + "' (" + alg.id() + ") signs a " + n
              + "-byte digest: " + Prehash.digestName(alg) + "; got " + digest.length + " bytes");
        }
      } else {
        Prehash.checkContext(alg, context);
      }
    } catch (KeepCryptoException e) {
      throw KeepException.badInput(digest != null ? "digest-not-supported" : "bad-context", e.getMessage());
    }
  }

  /** True for a digest whose meaning depends on the version's public key (ML-DSA mu). */
  boolean versionBound(SignatureAlgorithm alg) {
    return digest != null && Prehash.takesContext(alg);
  }

  /** What the audit event says was signed or checked: never the data. */
  String kind() {
    return digest != null ? "digest" : context != null && context.length > 0 ? "message+context" : "message";
  }
}
