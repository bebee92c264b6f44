package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.Prehash;
import sovereign.munin.keep.crypto.SignatureAlgorithm;

/**
 * What {@code keep key sign} and {@code verify} send for a file: the file itself up to 512 KiB, or, for a larger
 * file (or with {@code --digest}), its digest computed here in one streaming pass, so the file never has to fit in
 * a request. An ML-DSA digest (mu) depends on the version's public key, which is fetched first.
 */
final class SignedFiles {

  /** One request body to send, for the version it was computed for (null: any). */
  record Body(Map<String, Object> body, Integer version) {}

  private SignedFiles() {}

  /** True when {@code file} is sent as a digest: asked for, or too large to send whole. */
  static boolean asDigest(Path file, boolean asked) {
    try {
      return asked || Files.size(file) > KeyFiles.MAX_MESSAGE;
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The body for a whole file, with its context (UTF-8) when given. */
  static Map<String, Object> whole(Path file, String context) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", Base64.getEncoder().encodeToString(KeyFiles.read(file, KeyFiles.MAX_MESSAGE)));
    if (context != null) {
      m.put("context", Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8)));
    }
    return m;
  }

  /**
   * Digest bodies for {@code file}: one for ECDSA and RSA keys; for ML-DSA one per version {@code versions} names
   * (the active one to sign; every version with a public key, newest first, to verify).
   */
  static List<Body> digests(KeepCommand keep, String name, Path file, String context, boolean signing) {
    JsonNode key = keep.api().get(KeyCommand.path(name, null), keep.token());
    SignatureAlgorithm alg;
    try {
      alg = SignatureAlgorithm.fromId(key.path("type").asText());
      Prehash.digestLength(alg);
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("digest-not-supported", "key '" + name + "' (" + key.path("type").asText()
          + ") cannot sign or verify by digest: " + e.getMessage() + "; a file sent whole is at most "
          + KeyFiles.MAX_MESSAGE / 1024 + " KiB");
    }
    byte[] ctx = context == null ? null : context.getBytes(StandardCharsets.UTF_8);
    List<Integer> versions = new ArrayList<>();
    if (!Prehash.takesContext(alg)) {
      versions.add(null);
    } else if (signing) {
      if (key.path("activeVersion").isNull() || !key.has("activeVersion")) {
        throw new KeepException(KeepException.Kind.CONFLICT, "no-active-version", "key '" + name + "' has no "
            + "active version (revoked?); rotate it first");
      }
      versions.add(key.path("activeVersion").asInt());
    } else {
      for (JsonNode v : key.path("versions")) {
        if (v.hasNonNull("publicKeyId")) {
          versions.addFirst(v.path("version").asInt());
        }
      }
    }
    List<Prehash.Digester> digesters = new ArrayList<>();
    try {
      for (Integer v : versions) {
        digesters.add(Prehash.digester(alg, v == null ? null : publicKey(keep, name, v), ctx));
      }
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("bad-context", e.getMessage());
    }
    stream(file, digesters);
    List<Body> bodies = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      try {
        m.put("digest", Base64.getEncoder().encodeToString(digesters.get(i).digest()));
      } catch (KeepCryptoException e) {
        throw new KeepException(KeepException.Kind.INTERNAL, "digest-failed", e.getMessage(), e);
      }
      if (versions.get(i) != null) {
        m.put("version", versions.get(i));
      }
      bodies.add(new Body(m, versions.get(i)));
    }
    return bodies;
  }

  private static PublicKey publicKey(KeepCommand keep, String name, int version) {
    JsonNode r = keep.api().get(KeyCommand.path(name, "public") + "?version=" + URLEncoder.encode(
        Integer.toString(version), StandardCharsets.UTF_8), keep.token());
    try {
      return Pem.parsePublicKey(r.path("pem").asText());
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "bad-public-key", "the server's public key for "
          + "version " + version + " of '" + name + "' does not parse: " + e.getMessage(), e);
    }
  }

  // One pass over the file feeds every digester, so a large file is read once.
  private static void stream(Path file, List<Prehash.Digester> digesters) {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (Prehash.Digester d : digesters) {
          d.update(buf, 0, n);
        }
      }
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + file + ": " + e.getMessage());
    }
  }
}
