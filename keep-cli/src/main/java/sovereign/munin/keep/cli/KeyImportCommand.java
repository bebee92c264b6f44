package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.KeyImports;
import sovereign.munin.keep.app.keys.KeyType;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridPrivateKey;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SecretBytes;

/** {@code keep key import}: bring your own key material, with a second person's approval. */
@Command(name = "import", mixinStandardHelpOptions = true,
    header = "Bring your own key: one person asks, a second one approves.",
    description = {"Bring your own key (BYOK): 'request NAME --project P --type T --key FILE' encrypts the key to",
        "the instance's import key and asks for it; another person who manages keys in the project approves it",
        "('approve NAME', within 7 days) and only then is it a key. 'list' shows the requests that wait."},
    subcommands = {KeyImportCommand.Request.class, KeyImportCommand.ListAll.class, KeyImportCommand.Approve.class})
final class KeyImportCommand implements Runnable {

  @ParentCommand KeyCommand key;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "request", mixinStandardHelpOptions = true,
      header = "Ask to import a key from its PEM files.",
      description = {"Ask to import a key. FILE is its private key in PEM, as 'keep key generate' writes it:",
          "PKCS#8 'PRIVATE KEY' for signature types, the hybrid private key for ml-kem-768-x25519, the secret for",
          "aes-256-gcm and hmac-sha256; the public key is read from --pub (default FILE.pub). The material is",
          "encrypted here to the instance's import key, bound to NAME and TYPE."})
  static final class Request implements Callable<Integer> {
    @ParentCommand KeyImportCommand imp;

    @Parameters(index = "0", paramLabel = "NAME", description = "The new key's name.")
    String name;

    @Option(names = "--project", required = true, paramLabel = "P", description = "The project it belongs to.")
    String project;

    @Option(names = "--type", required = true, paramLabel = "T", description = "The key type, as for create.")
    String type;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    Path keyFile;

    @Option(names = "--pub", paramLabel = "FILE", description = "The public key (PEM); default FILE.pub.")
    Path pub;

    @Option(names = "--purpose", paramLabel = "TEXT", description = "What the key is for.")
    String purpose;

    @Option(names = "--rotation-days", paramLabel = "N", description = "Rotate every N days; 0 = manual (default 90).")
    Integer rotationDays;

    @Override
    public Integer call() {
      KeyType kt = KeyType.fromId(type);
      var keep = imp.key.keep;
      JsonNode wrap = keep.api().get("/api/v1/key-imports/wrapping-key", keep.token());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("project", project);
      body.put("type", kt.id());
      body.put("purpose", purpose);
      body.put("rotationDays", rotationDays);
      body.put("publishDays", rotationDays != null && rotationDays == 0 ? 0 : null);
      try (SecretBytes material = material(kt)) {
        if (!kt.symmetric()) {
          body.put("publicKey", Base64.getEncoder().encodeToString(publicKey(kt)));
        }
        byte[] plain = material.copyBytes();
        try {
          byte[] wrapped = HybridEncryption.encrypt(HybridPublicKey.fromPem(wrap.path("pem").asText()), plain,
              KeyImports.aad(name, kt.id()));
          body.put("wrappedMaterial", Base64.getEncoder().encodeToString(wrapped));
        } finally {
          java.util.Arrays.fill(plain, (byte) 0);
        }
      } catch (KeepCryptoException e) {
        throw KeepException.badInput("import-material-invalid", "cannot read the key to import: " + e.getMessage());
      }
      body.put("wrappingVersion", wrap.path("version").asInt());
      JsonNode r = keep.api().post("/api/v1/key-imports", body, keep.token());
      var out = imp.key.spec.commandLine().getOut();
      if (keep.json) {
        Output.json(out, r);
      } else {
        out.println("Import of " + name + " (" + kt.id() + (r.hasNonNull("publicKeyId") ? ", key id "
            + r.path("publicKeyId").asText() : "") + ") requested in project " + project + ".");
        out.println("Another person who manages keys there approves it with: keep key import approve " + name
            + " (until " + r.path("expiresAt").asText() + ")");
      }
      return 0;
    }

    private SecretBytes material(KeyType kt) throws KeepCryptoException {
      byte[] pem = KeyFiles.read(keyFile, Pem.MAX_INPUT);
      try {
        String label = kt.signs() ? Pem.PRIVATE_KEY : kt == KeyType.AES_256_GCM ? KeyGenerateCommand.AES_LABEL
            : kt == KeyType.HMAC_SHA256 ? KeyGenerateCommand.HMAC_LABEL : HybridPrivateKey.PEM_LABEL;
        return Pem.decodeSecret(label, pem);
      } finally {
        java.util.Arrays.fill(pem, (byte) 0);
      }
    }

    private byte[] publicKey(KeyType kt) throws KeepCryptoException {
      Path p = pub != null ? pub : keyFile.resolveSibling(keyFile.getFileName() + ".pub");
      if (!Files.exists(p)) {
        throw KeepException.badInput("missing-public-key", "a " + kt.id() + " key needs its public key: " + p
            + " does not exist (give --pub FILE)");
      }
      String text = new String(KeyFiles.read(p, Pem.MAX_INPUT), StandardCharsets.US_ASCII);
      return Pem.decode(kt.signs() ? Pem.PUBLIC_KEY : HybridPublicKey.PEM_LABEL, text);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Key imports waiting for approval.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand KeyImportCommand imp;

    @Override
    public Integer call() {
      var keep = imp.key.keep;
      JsonNode r = keep.api().get("/api/v1/key-imports", keep.token());
      var out = imp.key.spec.commandLine().getOut();
      if (keep.json) {
        Output.json(out, r);
        return 0;
      }
      if (r.path("imports").isEmpty()) {
        out.println("No key imports are waiting.");
      }
      for (JsonNode p : r.path("imports")) {
        out.println(p.path("name").asText() + "  project=" + p.path("project").asText() + "  type="
            + p.path("type").asText() + (p.hasNonNull("publicKeyId") ? "  keyid=" + p.path("publicKeyId").asText()
            : "") + "  requested by " + p.path("requestedBy").asText() + " at " + p.path("requestedAt").asText()
            + ", until " + p.path("expiresAt").asText());
      }
      return 0;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve another person's key import: the key is made, active. Check the key id first.")
  static final class Approve implements Callable<Integer> {
    @ParentCommand KeyImportCommand imp;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key whose import to approve.")
    String name;

    @Override
    public Integer call() {
      var keep = imp.key.keep;
      JsonNode r = keep.api().post("/api/v1/key-imports/" + java.net.URLEncoder.encode(name,
          StandardCharsets.UTF_8) + "/approve", null, keep.token());
      imp.key.print(r);
      return 0;
    }
  }
}
