package sovereign.munin.keep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;
import sovereign.munin.keep.app.keys.KeyType;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Signatures;

/** {@code keep key generate}: an offline key pair in files, no server involved. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Generate a key pair or secret offline, with no server.",
    description = {"Generate a key offline (no server): the private key goes to FILE (owner-only permissions),",
        "the public key to FILE.pub. Used e.g. for backup custodians' hybrid keys."})
final class KeyGenerateCommand implements Callable<Integer> {

  static final String AES_LABEL = "MUNIN KEEP AES-256-GCM KEY";
  static final String HMAC_LABEL = "MUNIN KEEP HMAC-SHA256 KEY";

  @ParentCommand KeyCommand key;

  @Option(names = "--type", defaultValue = "ml-dsa-65", paramLabel = "T", description = "Key type (default ml-dsa-65).")
  String type;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Private key file; must not exist.")
  Path out;

  @Override
  public Integer call() throws IOException {
    KeyType kt = KeyType.fromId(type);
    Path pub = out.resolveSibling(out.getFileName() + ".pub");
    if (Files.exists(out) || (!kt.symmetric() && Files.exists(pub))) {
      throw KeepException.badInput("file-exists", out + " or " + pub + " exists; refusing to overwrite a key");
    }
    SecureRandom rng = new SecureRandom();
    String keyId = null;
    try {
      if (kt.signs()) {
        KeyPair kp = Signatures.generate(kt.signatureAlgorithm(), rng);
        Signatures.signer(kt.signatureAlgorithm(), kp);
        writePrivate(Pem.privateKey(kp.getPrivate()));
        Files.writeString(pub, Pem.publicKey(kp.getPublic()), StandardCharsets.US_ASCII);
        keyId = KeyId.of(kp.getPublic());
      } else if (kt.symmetric()) {
        try (SecretBytes k = SecretBytes.random(32, rng)) {
          writePrivate(Pem.encodeSecret(kt == KeyType.AES_256_GCM ? AES_LABEL : HMAC_LABEL, k));
        }
      } else {
        var kp = HybridEncryption.generateKeyPair(rng);
        writePrivate(kp.privateKey().toPem());
        Files.writeString(pub, kp.publicKey().toPem(), StandardCharsets.US_ASCII);
        keyId = kp.publicKey().keyId();
      }
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "key-generation-failed", e.getMessage(), e);
    }
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", kt.id());
      m.put("privateKey", out.toString());
      m.put("publicKey", kt.symmetric() ? null : pub.toString());
      m.put("keyId", keyId);
      Output.json(w, m);
    } else {
      w.println("Generated " + kt.id() + ": private key in " + out
          + (keyId == null ? "" : ", public key in " + pub + " (key id " + keyId + ")"));
    }
    return 0;
  }

  private void writePrivate(SecretBytes pem) throws IOException {
    try (pem) {
      byte[] bytes = pem.copyBytes();
      try {
        PrivateFiles.write(out, bytes);
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
