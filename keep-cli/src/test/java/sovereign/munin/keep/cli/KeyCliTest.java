package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.server.KeepServer;

/** {@code keep key ...} against a real dev server: the new user's path from create to revoke. */
class KeyCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  private KeepInstance instance;
  private KeepServer server;
  private String[] common;

  @BeforeEach
  void start() {
    Path data = base.resolve("data");
    assertThat(CliRun.of("init", "--dev", "--data", data.toString()).exit()).isZero();
    instance = TestInstances.open(data);
    sovereign.munin.keep.app.TestCallers.cliOperator(instance, "p", "payments");
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
    common = new String[] {"--data", data.toString(), "--server", server.url()};
  }

  @AfterEach
  void stop() {
    server.close();
    instance.close();
  }

  private CliRun keep(String... args) {
    return CliRun.of(Stream.concat(Stream.of(args), Stream.of(common)).toArray(String[]::new));
  }

  @Test
  void help_everyKeyCommandHasHelpAndJson() {
    for (String cmd : new String[] {"create", "list", "show", "rotate", "revoke", "archive", "destroy",
        "export-public", "sign", "verify", "encrypt", "decrypt", "rewrap", "min-decryption-version", "datakey",
        "mac", "mac-verify", "generate", "rotate-due", "import"}) {
      CliRun r = CliRun.of("key", cmd, "--help");
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: keep key " + cmd).contains("--json");
    }
  }

  @Test
  void createSignVerifyRevoke_newUserFlow_works() throws Exception {
    CliRun created = keep("key", "create", "release", "--project", "payments", "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(JSON.readTree(created.out()).path("type").asText()).isEqualTo("ml-dsa-65");

    Path file = Files.writeString(base.resolve("app.tar"), "artifact bytes");
    Path sig = base.resolve("app.sig");
    CliRun signed = keep("key", "sign", "release", "--in", file.toString(), "--out", sig.toString());
    assertThat(signed.exit()).as(signed.err()).isZero();
    CliRun ok = keep("key", "verify", "release", "--in", file.toString(), "--sig", sig.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("VALID");

    Path pem = base.resolve("release.pem");
    assertThat(keep("key", "export-public", "release", "--out", pem.toString()).exit()).isZero();
    JsonNode shown = JSON.readTree(keep("key", "show", "release", "--json").out());
    assertThat(KeyId.of(Pem.parsePublicKey(Files.readString(pem))))
        .isEqualTo(shown.path("versions").get(0).path("publicKeyId").asText());

    CliRun future = keep("key", "revoke", "release", "--compromised-at", "2999-01-01T00:00:00Z", "--reason", "x");
    assertThat(future.exit()).isEqualTo(1);
    assertThat(future.err()).contains("future");
    CliRun revoked = keep("key", "revoke", "release", "--compromised-at", "2000-01-01T00:00:00Z", "--reason",
        "leak");
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    CliRun after = keep("key", "verify", "release", "--in", file.toString(), "--sig", sig.toString());
    assertThat(after.exit()).isEqualTo(1);
    assertThat(after.out()).startsWith("INVALID").contains("compromised");
  }

  @Test
  void encryptDecrypt_hybridKeyAcrossRotation_roundTripsAndRefusesBadInput() throws Exception {
    assertThat(keep("key", "create", "box", "--project", "p", "--type", "ml-kem-768-x25519").exit()).isZero();
    assertThat(keep("key", "create", "other", "--project", "p", "--type", "ml-kem-768-x25519").exit()).isZero();
    Path plain = Files.writeString(base.resolve("secret.txt"), "the database password");
    Path ct = base.resolve("secret.enc");
    CliRun enc = keep("key", "encrypt", "box", "--in", plain.toString(), "--out", ct.toString());
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(new String(Files.readAllBytes(ct), java.nio.charset.StandardCharsets.ISO_8859_1)).isNotEmpty()
        .doesNotContain("password");
    assertThat(keep("key", "rotate", "box").exit()).isZero();

    Path back = base.resolve("secret.out");
    CliRun dec = keep("key", "decrypt", "box", "--in", ct.toString(), "--out", back.toString());
    assertThat(dec.exit()).as(dec.err()).isZero();
    assertThat(Files.readString(back)).isEqualTo("the database password");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(back)))
        .isEqualTo("rw-------");
    CliRun again = keep("key", "decrypt", "box", "--in", ct.toString(), "--out", back.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");

    CliRun wrongKey = keep("key", "decrypt", "other", "--in", ct.toString(), "--out", base.resolve("w").toString());
    assertThat(wrongKey.exit()).isEqualTo(1);
    byte[] all = Files.readAllBytes(ct);
    Path cut = Files.write(base.resolve("cut.enc"), java.util.Arrays.copyOf(all, all.length - 20));
    CliRun truncated = keep("key", "decrypt", "box", "--in", cut.toString(), "--out", base.resolve("t").toString());
    assertThat(truncated.exit()).isEqualTo(1);
    assertThat(Files.exists(base.resolve("w"))).isFalse();
    assertThat(Files.exists(base.resolve("t"))).isFalse();

    // Move the old ciphertext to the active version, then close version 1 for decryption.
    Path moved = base.resolve("secret.v2.enc");
    CliRun rewrap = keep("key", "rewrap", "box", "--in", ct.toString(), "--out", moved.toString());
    assertThat(rewrap.exit()).as(rewrap.err()).isZero();
    assertThat(rewrap.out()).contains("under version 2");
    CliRun closed = keep("key", "min-decryption-version", "box", "2");
    assertThat(closed.exit()).as(closed.err()).isZero();
    CliRun old = keep("key", "decrypt", "box", "--in", ct.toString(), "--out", base.resolve("o").toString());
    assertThat(old.exit()).isEqualTo(1);
    assertThat(old.err()).contains("lowest decrypting version");
    Path back2 = base.resolve("secret2.out");
    assertThat(keep("key", "decrypt", "box", "--in", moved.toString(), "--out", back2.toString()).exit()).isZero();
    assertThat(Files.readString(back2)).isEqualTo("the database password");

    // Associated data: the ciphertext is bound to the caller's context.
    Path bound = base.resolve("bound.enc");
    assertThat(keep("key", "encrypt", "box", "--in", plain.toString(), "--out", bound.toString(),
        "--associated-data", "customer:42").exit()).isZero();
    CliRun unbound = keep("key", "decrypt", "box", "--in", bound.toString(), "--out", base.resolve("u").toString());
    assertThat(unbound.exit()).isEqualTo(1);
    Path back3 = base.resolve("bound.out");
    CliRun withContext = keep("key", "decrypt", "box", "--in", bound.toString(), "--out", back3.toString(),
        "--associated-data", "customer:42");
    assertThat(withContext.exit()).as(withContext.err()).isZero();
    assertThat(Files.readString(back3)).isEqualTo("the database password");

    // Envelope encryption: a data key in the clear and under box; decrypting the encrypted copy gives it back.
    Path dk = base.resolve("data.key");
    Path dkEnc = base.resolve("data.key.enc");
    CliRun made = keep("key", "datakey", "box", "--out", dk.toString(), "--encrypted-out", dkEnc.toString());
    assertThat(made.exit()).as(made.err()).isZero();
    assertThat(Files.size(dk)).isEqualTo(32);
    Path dkBack = base.resolve("data.key.back");
    assertThat(keep("key", "decrypt", "box", "--in", dkEnc.toString(), "--out", dkBack.toString()).exit()).isZero();
    assertThat(Files.readAllBytes(dkBack)).isEqualTo(Files.readAllBytes(dk));
  }

  @Test
  void largeFiles_signAndVerifyByDigest_andEncryptInSegments_pastTheRequestLimit() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 123];
    new java.security.SecureRandom().nextBytes(bytes);
    Path big = Files.write(base.resolve("image.iso"), bytes);
    for (String type : new String[] {"ml-dsa-65", "ecdsa-p384", "rsa-3072"}) {
      assertThat(keep("key", "create", "rel-" + type, "--project", "p", "--type", type).exit()).isZero();
      Path sig = base.resolve(type + ".sig");
      CliRun signed = keep("key", "sign", "rel-" + type, "--in", big.toString(), "--out", sig.toString());
      assertThat(signed.exit()).as(signed.err()).isZero();
      assertThat(signed.out()).contains("by digest");
      // An ordinary signature over the whole file: the JDK verifies it with the exported public key.
      var pub = Pem.parsePublicKey(JSON.readTree(keep("key", "export-public", "rel-" + type, "--json").out())
          .path("pem").asText());
      assertThat(sovereign.munin.keep.crypto.Signatures.verifier(sovereign.munin.keep.crypto.SignatureAlgorithm
          .fromId(type), pub).verify(bytes, Files.readAllBytes(sig))).as(type).isTrue();
      CliRun ok = keep("key", "verify", "rel-" + type, "--in", big.toString(), "--sig", sig.toString());
      assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
      Path other = Files.write(base.resolve("other-" + type), java.util.Arrays.copyOf(bytes, bytes.length - 1));
      assertThat(keep("key", "verify", "rel-" + type, "--in", other.toString(), "--sig", sig.toString()).exit())
          .isEqualTo(1);
    }
    // After a rotation, a signature by version 1 still verifies by digest (mu is computed per version).
    assertThat(keep("key", "rotate", "rel-ml-dsa-65").exit()).isZero();
    assertThat(keep("key", "verify", "rel-ml-dsa-65", "--in", big.toString(), "--sig",
        base.resolve("ml-dsa-65.sig").toString()).exit()).isZero();
    assertThat(keep("key", "create", "rel-ed", "--project", "p", "--type", "ed25519").exit()).isZero();
    CliRun ed = keep("key", "sign", "rel-ed", "--in", big.toString(), "--out", base.resolve("ed.sig").toString());
    assertThat(ed.exit()).isEqualTo(1);
    assertThat(ed.err()).contains("pure EdDSA").contains("512 KiB");

    // A context string binds an ML-DSA signature.
    Path small = Files.writeString(base.resolve("notes.txt"), "release notes");
    Path ctxSig = base.resolve("notes.sig");
    assertThat(keep("key", "sign", "rel-ml-dsa-65", "--in", small.toString(), "--out", ctxSig.toString(),
        "--context", "munin-release").exit()).isZero();
    assertThat(keep("key", "verify", "rel-ml-dsa-65", "--in", small.toString(), "--sig", ctxSig.toString())
        .exit()).isEqualTo(1);
    assertThat(keep("key", "verify", "rel-ml-dsa-65", "--in", small.toString(), "--sig", ctxSig.toString(),
        "--context", "munin-release").exit()).isZero();
    assertThat(keep("key", "verify", "rel-ml-dsa-65", "--in", small.toString(), "--sig", ctxSig.toString(),
        "--context", "munin-release", "--digest").exit()).isZero();

    // Encryption of a large file: segments under a data key the managed key wraps.
    assertThat(keep("key", "create", "vault", "--project", "p", "--type", "aes-256-gcm").exit()).isZero();
    Path enc = base.resolve("image.enc");
    CliRun encrypted = keep("key", "encrypt", "vault", "--in", big.toString(), "--out", enc.toString(),
        "--associated-data", "disk:7");
    assertThat(encrypted.exit()).as(encrypted.err()).isZero();
    assertThat(Files.size(enc)).isGreaterThan(bytes.length);
    Path back = base.resolve("image.back");
    CliRun decrypted = keep("key", "decrypt", "vault", "--in", enc.toString(), "--out", back.toString(),
        "--associated-data", "disk:7");
    assertThat(decrypted.exit()).as(decrypted.err()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(bytes);
    assertThat(keep("key", "decrypt", "vault", "--in", enc.toString(), "--out", base.resolve("x").toString())
        .exit()).as("without the associated data").isEqualTo(1);
    assertThat(keep("key", "rotate", "vault").exit()).isZero();
    Path moved = base.resolve("image.v2.enc");
    CliRun rewrapped = keep("key", "rewrap", "vault", "--in", enc.toString(), "--out", moved.toString(),
        "--associated-data", "disk:7");
    assertThat(rewrapped.exit()).as(rewrapped.err()).isZero();
    assertThat(rewrapped.out()).contains("under version 2");
    assertThat(keep("key", "min-decryption-version", "vault", "2").exit()).isZero();
    Path back2 = base.resolve("image.back2");
    assertThat(keep("key", "decrypt", "vault", "--in", moved.toString(), "--out", back2.toString(),
        "--associated-data", "disk:7").exit()).isZero();
    assertThat(Files.readAllBytes(back2)).isEqualTo(bytes);
    byte[] tampered = Files.readAllBytes(moved);
    tampered[tampered.length - 100_000] ^= 1;
    Path bad = Files.write(base.resolve("image.bad"), tampered);
    CliRun refused = keep("key", "decrypt", "vault", "--in", bad.toString(), "--out", base.resolve("y").toString(),
        "--associated-data", "disk:7");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("does not open");
    assertThat(Files.exists(base.resolve("y"))).as("no partial plaintext").isFalse();
    assertThat(Files.exists(base.resolve(".y.partial"))).isFalse();
  }

  @Test
  void hmacKey_macAndMacVerify_exitCodesSayValidOrNot() throws Exception {
    CliRun created = keep("key", "create", "tagger", "--project", "p", "--type", "hmac-sha256", "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(JSON.readTree(created.out()).path("purpose").asText()).isEqualTo("mac");
    Path file = Files.writeString(base.resolve("webhook.json"), "{\"event\":\"paid\"}");
    Path mac = base.resolve("webhook.mac");
    CliRun made = keep("key", "mac", "tagger", "--in", file.toString(), "--out", mac.toString());
    assertThat(made.exit()).as(made.err()).isZero();
    assertThat(made.out()).contains("by tagger v1");
    assertThat(Files.size(mac)).isEqualTo(37);
    CliRun ok = keep("key", "mac-verify", "tagger", "--in", file.toString(), "--mac", mac.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).startsWith("VALID");
    Path changed = Files.writeString(base.resolve("changed.json"), "{\"event\":\"refunded\"}");
    CliRun bad = keep("key", "mac-verify", "tagger", "--in", changed.toString(), "--mac", mac.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).startsWith("INVALID");
    CliRun sign = keep("key", "sign", "tagger", "--in", file.toString(), "--out", base.resolve("s").toString());
    assertThat(sign.exit()).isEqualTo(1);
    assertThat(sign.err()).contains("does not sign");
    assertThat(keep("key", "generate", "--type", "hmac-sha256", "--out", base.resolve("offline.key").toString())
        .exit()).isZero();
    assertThat(Files.readString(base.resolve("offline.key"))).contains("MUNIN KEEP HMAC-SHA256 KEY");
  }

  @Test
  void importOutsideKey_waitsForASecondPerson_thenSignsAsTheOutsidePublicKeySays() throws Exception {
    Path outside = base.resolve("outside.key");
    assertThat(CliRun.of("key", "generate", "--type", "ed25519", "--out", outside.toString()).exit()).isZero();
    Path stranger = base.resolve("stranger.key");
    assertThat(CliRun.of("key", "generate", "--type", "ed25519", "--out", stranger.toString()).exit()).isZero();
    CliRun mismatched = keep("key", "import", "request", "bad", "--project", "payments", "--type", "ed25519",
        "--key", outside.toString(), "--pub", stranger + ".pub");
    assertThat(mismatched.exit()).isEqualTo(1);
    assertThat(mismatched.err()).contains("not usable");

    CliRun asked = keep("key", "import", "request", "ext", "--project", "payments", "--type", "ed25519", "--key",
        outside.toString());
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(asked.out()).contains("keep key import approve ext");
    assertThat(keep("key", "import", "list").out()).contains("ext  project=payments  type=ed25519");
    assertThat(keep("key", "show", "ext").exit()).as("not a key before the approval").isEqualTo(1);
    CliRun self = keep("key", "import", "approve", "ext");
    assertThat(self.exit()).isEqualTo(1);
    assertThat(self.err()).contains("another person");

    Path tokenFile = instance.dataDirectory().cliToken();
    String first = Files.readString(tokenFile);
    sovereign.munin.keep.app.TestCallers.cliOperator(instance); // the command line now acts as a second person
    CliRun approved = keep("key", "import", "approve", "ext");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("active=v1");
    Files.writeString(tokenFile, first); // back to the project's owner, who may use its keys
    Path file = Files.writeString(base.resolve("m.txt"), "made with an imported key");
    Path sig = base.resolve("m.sig");
    assertThat(keep("key", "sign", "ext", "--in", file.toString(), "--out", sig.toString()).exit()).isZero();
    var pub = Pem.parsePublicKey(Files.readString(Path.of(outside + ".pub")));
    assertThat(sovereign.munin.keep.crypto.Signatures.verifier(sovereign.munin.keep.crypto.SignatureAlgorithm
        .ED25519, pub).verify(Files.readAllBytes(file), Files.readAllBytes(sig))).isTrue();
    assertThat(keep("key", "import", "list").out()).contains("No key imports are waiting");
  }

  @Test
  void create_tooSmallRsa_isRefusedExit1() {
    CliRun r = keep("key", "create", "old", "--project", "p", "--type", "rsa-2048");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("too weak");
    assertThat(keep("key", "list").out()).contains("No keys yet");
  }

  @Test
  void rotateArchiveDestroy_destroyWaitsForASecondPerson_andArchivedKeysDoNotRotate() {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    CliRun rotated = keep("key", "rotate", "k");
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("active=v2").contains("v1  overlap");
    CliRun active = keep("key", "destroy", "k");
    assertThat(active.exit()).isNotZero();
    assertThat(active.err()).contains("archive it first");
    assertThat(keep("key", "archive", "k").exit()).isZero();
    CliRun asked = keep("key", "destroy", "k");
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(asked.out()).contains("requested by you").contains("nothing is destroyed yet");
    CliRun self = keep("key", "destroy", "k");
    assertThat(self.exit()).isNotZero();
    assertThat(self.err()).contains("another person");
    CliRun again = keep("key", "rotate", "k");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("archived");
  }

  @Test
  void generate_offline_writesPrivateAndPublicAndRefusesOverwrite() throws Exception {
    Path out = base.resolve("custodian.key");
    CliRun r = CliRun.of("key", "generate", "--type", "ml-kem-768-x25519", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out)).contains("MUNIN KEEP HYBRID PRIVATE KEY");
    assertThat(Files.readString(base.resolve("custodian.key.pub"))).contains("MUNIN KEEP HYBRID PUBLIC KEY");
    CliRun again = CliRun.of("key", "generate", "--type", "ed25519", "--out", out.toString());
    assertThat(again.exit()).isEqualTo(1);
    CliRun weak = CliRun.of("key", "generate", "--type", "ml-dsa-44", "--out", base.resolve("w").toString());
    assertThat(weak.exit()).isEqualTo(1);
    assertThat(weak.err()).contains("too weak");
  }

  @Test
  void archiveDestroy_oneVersion_afterItsOverlap() throws Exception {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    keep("key", "rotate", "k");
    CliRun early = keep("key", "archive", "k", "--version", "1");
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.err()).contains("overlap");
    CliRun due = keep("key", "rotate-due", "--now", java.time.Instant.now().plus(java.time.Duration.ofDays(31))
        .toString());
    assertThat(due.exit()).as(due.err()).isZero();
    CliRun archived = keep("key", "archive", "k", "--version", "1", "--json");
    assertThat(archived.exit()).as(archived.err()).isZero();
    assertThat(JSON.readTree(archived.out()).path("versions").get(0).path("state").asText()).isEqualTo("archived");
    CliRun destroyed = keep("key", "destroy", "k", "--version", "1", "--json");
    assertThat(destroyed.exit()).as(destroyed.err()).isZero();
    JsonNode view = JSON.readTree(destroyed.out());
    assertThat(view.path("versions").get(0).path("state").asText()).isEqualTo("destroyed");
    assertThat(view.path("versions").get(1).path("state").asText()).isEqualTo("active");
    assertThat(CliRun.of("key", "archive", "--help").out()).contains("--version");
  }

  @Test
  void rotateDue_simulatedNowOnDevInstance_rotatesKey() {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    CliRun early = keep("key", "rotate-due");
    assertThat(early.out()).contains("Nothing due");
    CliRun r = keep("key", "rotate-due", "--now", java.time.Instant.now().plus(java.time.Duration.ofDays(91))
        .toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("rotate k v2");
  }

  @Test
  void trustExport_writesSignedEnvelope() throws Exception {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    Path file = base.resolve("trust.json");
    CliRun r = keep("trust", "export", "--out", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode env = JSON.readTree(Files.readString(file));
    assertThat(env.path("payloadType").asText()).isEqualTo("application/vnd.munin-keep.trust.v1+json");
    assertThat(CliRun.of("trust", "export", "--help").out()).contains("--json");
  }

  @Test
  void trustVerify_offline_judgesSignaturesByTheListedRevocations() throws Exception {
    keep("key", "create", "release", "--project", "p");
    Path file = Files.writeString(base.resolve("app.tar"), "artifact bytes");
    Path before = base.resolve("before.sig");
    Path after = base.resolve("after.sig");
    assertThat(keep("key", "sign", "release", "--in", file.toString(), "--out", before.toString()).exit()).isZero();
    Thread.sleep(20);
    String compromisedAt = java.time.Instant.now().toString();
    Thread.sleep(20);
    assertThat(keep("key", "sign", "release", "--in", file.toString(), "--out", after.toString()).exit()).isZero();
    Path root = base.resolve("root.pem");
    Path trust = base.resolve("trust.json");
    assertThat(keep("trust", "export", "--out", trust.toString(), "--root-out", root.toString()).exit()).isZero();

    CliRun fine = CliRun.of("trust", "verify", trust.toString(), "--root", root.toString(), "--key", "release",
        "--in", file.toString(), "--sig", after.toString());
    assertThat(fine.exit()).as(fine.err()).isZero();
    assertThat(fine.out()).contains("Trust file valid").contains("VALID: valid signature by version 1");

    CliRun wrongFile = CliRun.of("trust", "verify", trust.toString(), "--root", root.toString(), "--key",
        "release", "--in", root.toString(), "--sig", after.toString());
    assertThat(wrongFile.exit()).isEqualTo(1);
    assertThat(wrongFile.out()).contains("INVALID: no version");

    assertThat(keep("key", "revoke", "release", "--compromised-at", compromisedAt, "--reason", "laptop lost")
        .exit()).isZero();
    assertThat(keep("trust", "export", "--out", trust.toString()).exit()).isZero();
    CliRun old = CliRun.of("trust", "verify", trust.toString(), "--root", root.toString(), "--key", "release",
        "--in", file.toString(), "--sig", before.toString(), "--json");
    assertThat(old.exit()).as(old.err()).isZero();
    assertThat(JSON.readTree(old.out()).path("reason").asText()).contains("before its compromise");
    CliRun late = CliRun.of("trust", "verify", trust.toString(), "--root", root.toString(), "--key", "release",
        "--in", file.toString(), "--sig", after.toString());
    assertThat(late.exit()).isEqualTo(1);
    assertThat(late.out()).contains("INVALID").contains("compromised at");
  }

  @Test
  void trustVerify_tamperedFileOrWrongRoot_isRefused() throws Exception {
    keep("key", "create", "k", "--project", "p", "--type", "ed25519");
    Path trust = base.resolve("trust.json");
    Path root = base.resolve("root.pem");
    assertThat(keep("trust", "export", "--out", trust.toString(), "--root-out", root.toString()).exit()).isZero();
    assertThat(CliRun.of("trust", "verify", trust.toString(), "--root", root.toString()).exit()).isZero();

    JsonNode env = JSON.readTree(Files.readString(trust));
    String payload = new String(java.util.Base64.getDecoder().decode(env.path("payload").asText()),
        java.nio.charset.StandardCharsets.UTF_8).replace("\"active\"", "\"overlap\"");
    ((com.fasterxml.jackson.databind.node.ObjectNode) env).put("payload", java.util.Base64.getEncoder()
        .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Path tampered = Files.writeString(base.resolve("tampered.json"), JSON.writeValueAsString(env));
    CliRun t = CliRun.of("trust", "verify", tampered.toString(), "--root", root.toString());
    assertThat(t.exit()).isEqualTo(1);
    assertThat(t.err()).contains("not signed by the pinned root");

    Path otherRoot = base.resolve("other.pem");
    assertThat(keep("key", "export-public", "k", "--out", otherRoot.toString()).exit()).isZero();
    CliRun w = CliRun.of("trust", "verify", trust.toString(), "--root", otherRoot.toString());
    assertThat(w.exit()).isEqualTo(1);
    assertThat(w.err()).contains("not signed by the pinned root");

    Path garbage = Files.writeString(base.resolve("garbage.json"), "{\"payloadType\": 5");
    CliRun g = CliRun.of("trust", "verify", garbage.toString(), "--root", root.toString());
    assertThat(g.exit()).isEqualTo(1);
    assertThat(g.err()).contains("not JSON");
  }
}
