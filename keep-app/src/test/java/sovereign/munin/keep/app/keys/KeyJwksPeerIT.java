package sovereign.munin.keep.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;

/**
 * Peer check: the JWK Set of each signature type, read by Python's {@code cryptography} package, verifies a
 * signature made by Munin Keep (and refuses a changed one); this holds both the JWK encoding and the signature
 * conventions of docs/FORMATS.md against an independent implementation.
 */
class KeyJwksPeerIT {

  private static final byte[] MESSAGE = "release v2.4.1".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path base;

  @Test
  void jwks_ed25519P384Rsa_verifyWithPythonCryptography() throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    try (KeepInstance i = TestInstances.open(TestInstances.dev(base, null, null).dataDir())) {
      var keys = new ManagedKeys(i, new SecureRandom());
      var ops = new KeyOperations(i, keys);
      for (String type : List.of("ed25519", "ecdsa-p384", "rsa-3072")) {
        keys.create(type, "p", null, type, null, "t");
        keys.publishNext(type, "t");
        Map<String, Object> set = ops.jwks(type);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jwks = (List<Map<String, Object>>) set.get("keys");
        assertThat(jwks).as("active and published-ahead versions").hasSize(2);
        byte[] sig = ops.sign(type, MESSAGE, null, "t").signature();
        assertThat(jwks.getFirst().get("kid")).isEqualTo(keys.show(type).versions().getFirst().publicKeyId());
        cases.add(testCase(type, jwks.getFirst(), MESSAGE, sig));
        byte[] bad = sig.clone();
        bad[bad.length / 2] ^= 1;
        cases.add(testCase(type + "-changed", jwks.getFirst(), MESSAGE, bad));
        cases.add(testCase(type + "-other-version", jwks.get(1), MESSAGE, sig));
        if (!type.equals("ed25519")) {
          // Signed from a digest the caller computed: the same ordinary signature over the message.
          var d = sovereign.munin.keep.crypto.Prehash.digester(
              sovereign.munin.keep.crypto.SignatureAlgorithm.fromId(type), null, null);
          d.update(MESSAGE, 0, MESSAGE.length);
          byte[] byDigest = ops.sign(type, new SignedInput(null, d.digest(), null), null, "t").signature();
          cases.add(testCase(type + "-by-digest", jwks.getFirst(), MESSAGE, byDigest));
        }
      }
      keys.create("ml", "p", null, "ml-dsa-65", null, "t");
      Map<String, Object> ml = ((List<Map<String, Object>>) ops.jwks("ml").get("keys")).getFirst();
      assertThat(ml).containsEntry("kty", "AKP").containsEntry("alg", "ML-DSA-65");
      keys.create("box", "p", null, "aes-256-gcm", null, "t");
      assertThatThrownBy(() -> ops.jwks("box")).hasMessageContaining("signature keys only");
    }
    Path file = base.resolve("cases.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(cases));
    List<String> lines = python(file);
    assertThat(lines).containsExactly("ed25519 true", "ed25519-changed false", "ed25519-other-version false",
        "ecdsa-p384 true", "ecdsa-p384-changed false", "ecdsa-p384-other-version false", "ecdsa-p384-by-digest true",
        "rsa-3072 true", "rsa-3072-changed false", "rsa-3072-other-version false", "rsa-3072-by-digest true");
  }

  @Test
  void aesCiphertext_opensWithPythonCryptography_fromTheDocumentedLayout() throws Exception {
    Path sealed = base.resolve("secret.enc");
    byte[] mac;
    String macKeyHex = null;
    String keyHex;
    String keyId;
    try (KeepInstance i = TestInstances.open(TestInstances.dev(base, null, null).dataDir())) {
      var keys = new ManagedKeys(i, new SecureRandom());
      var ops = new KeyOperations(i, keys);
      keyId = keys.create("box", "p", null, "aes-256-gcm", null, "t").id();
      Files.write(sealed, ops.encrypt("box", MESSAGE, "t"));
      keys.create("tagger", "p", null, "hmac-sha256", null, "t");
      mac = ops.mac("tagger", MESSAGE, "t");
      // The raw key, as a restore would see it: out of a backup opened by its custodians.
      var custodian = sovereign.munin.keep.crypto.HybridEncryption.generateKeyPair(new SecureRandom());
      var other = sovereign.munin.keep.crypto.HybridEncryption.generateKeyPair(new SecureRandom());
      var backups = new KeyBackups(i, keys, ops, new TrustFiles(i, keys, ops), new SecureRandom());
      var bundle = backups.backup(List.of(custodian.publicKey(), other.publicKey()), 2, "t");
      var opened = BackupReader.open(bundle, List.of(custodian.privateKey(), other.privateKey()), null);
      String material = null;
      for (var k : opened.payload().path("keys")) {
        if (k.path("name").asText().equals("box")) {
          material = k.path("versions").get(0).path("material").asText();
        }
        if (k.path("name").asText().equals("tagger")) {
          macKeyHex = HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(k.path("versions").get(0)
              .path("material").asText()));
        }
      }
      keyHex = HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(material));
    }
    sovereign.munin.keep.testkit.PythonCryptography.require();
    Path script = resource("decrypt_managed.py");
    Process p = new ProcessBuilder("python3", script.toString(), keyHex, keyId, sealed.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.strip()).isEqualTo("release v2.4.1");
    Process wrong = new ProcessBuilder("python3", script.toString(), keyHex, "another-key-id", sealed.toString())
        .redirectErrorStream(true).start();
    wrong.getInputStream().readAllBytes();
    assertThat(wrong.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(wrong.exitValue()).as("another key id in the associated data").isNotZero();
    // A MAC is 0x01 || version || HMAC-SHA-256(secret, data): Python's hmac module computes the same.
    Process h = new ProcessBuilder("python3", "-c", "import hmac,hashlib,sys; print(hmac.new(bytes.fromhex("
        + "sys.argv[1]), sys.argv[2].encode(), hashlib.sha256).hexdigest())", macKeyHex,
        new String(MESSAGE, StandardCharsets.UTF_8)).redirectErrorStream(true).start();
    String hmacHex = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(h.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(HexFormat.of().formatHex(mac)).isEqualTo("0100000001" + hmacHex);
  }

  @Test
  void streamLayout_opensWithPythonCryptography_andACutStreamDoesNot() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] plain = new byte[3 * sovereign.munin.keep.crypto.StreamAead.SEGMENT + 999];
    new SecureRandom().nextBytes(plain);
    var out = new java.io.ByteArrayOutputStream();
    sovereign.munin.keep.crypto.StreamAead.seal(key, "MKS1".getBytes(StandardCharsets.US_ASCII),
        new java.io.ByteArrayInputStream(plain), out);
    Path whole = Files.write(base.resolve("stream"), out.toByteArray());
    Path cut = Files.write(base.resolve("cut"), java.util.Arrays.copyOf(out.toByteArray(), 7 + 3 * (65536 + 16)));
    sovereign.munin.keep.testkit.PythonCryptography.require();
    Path script = resource("open_stream.py");
    Process p = new ProcessBuilder("python3", script.toString(), HexFormat.of().formatHex(key), whole.toString())
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed.strip()).isEqualTo(HexFormat.of().formatHex(KeyUse.sha256(plain)));
    Process c = new ProcessBuilder("python3", script.toString(), HexFormat.of().formatHex(key), cut.toString())
        .redirectErrorStream(true).start();
    c.getInputStream().readAllBytes();
    assertThat(c.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(c.exitValue()).as("cut at a segment boundary").isNotZero();
  }

  private static Map<String, Object> testCase(String name, Map<String, Object> jwk, byte[] msg, byte[] sig) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("jwk", jwk);
    m.put("msg", HexFormat.of().formatHex(msg));
    m.put("sig", HexFormat.of().formatHex(sig));
    return m;
  }

  private Path resource(String name) throws IOException {
    Path script = base.resolve(name);
    try (InputStream in = KeyJwksPeerIT.class.getResourceAsStream(name)) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private List<String> python(Path cases) throws IOException, InterruptedException {
    Path script = resource("verify_jwk.py");
    sovereign.munin.keep.testkit.PythonCryptography.require();
    Process p = new ProcessBuilder("python3", script.toString(), cases.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
