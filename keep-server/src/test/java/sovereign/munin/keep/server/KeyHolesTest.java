package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key holes reproduced as attacks over HTTPS: step-up bypassed by minting a key-scoped token. */
class KeyHolesTest {

  @TempDir
  Path base;

  ServerFixture f;
  String ownerId;

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @BeforeEach
  void start() throws Exception {
    f = newFixture(base);
    ownerId = f.user("olivia", "developer");
    f.identity.projects().create("test", "payments", "olivia");
    assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", "release", "project", "payments"),
        f.loginToken(ownerId)).statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static Map<String, Object> keyToken() {
    return Map.of("label", "ci", "projects", List.of("payments"), "keys", List.of("release"));
  }

  @Test
  void keyScopedToken_staleMfa_isRefusedLikeSigningItself() throws Exception {
    String person = f.loginToken(ownerId);
    f.clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> sign = f.withToken("POST", "/api/v1/keys/release/sign", Map.of("message", "aGk="), person);
    assertThat(PlatformHolesTest.type(sign)).isEqualTo("step-up-required");
    HttpResponse<String> mint = f.withToken("POST", "/api/v1/tokens", keyToken(), person);
    assertThat(mint.statusCode()).as(mint.body()).isEqualTo(403);
    assertThat(PlatformHolesTest.type(mint)).isEqualTo("step-up-required");
    // A token that cannot use private keys needs no fresh check.
    assertThat(f.withToken("POST", "/api/v1/tokens", Map.of("label", "read"), person).statusCode()).isEqualTo(201);
  }

  @Test
  void keyScopedToken_freshMfa_isMintedAndSigns() throws Exception {
    HttpResponse<String> mint = f.withToken("POST", "/api/v1/tokens", keyToken(), f.loginToken(ownerId));
    assertThat(mint.statusCode()).as(mint.body()).isEqualTo(201);
    String machine = ServerFixture.json(mint).path("token").asText();
    f.clock.advance(Duration.ofMinutes(30));
    assertThat(f.withToken("POST", "/api/v1/keys/release/sign", Map.of("message", "aGk="), machine).statusCode())
        .isEqualTo(200);
  }

  @Test
  void keyScopedToken_userWithoutAnyMfa_isRefusedAndToldToEnrol() throws Exception {
    // A real sign-in: olivia has no second factor, so her session is never fresh.
    ServerFixture.Session s = f.login("olivia");
    HttpResponse<String> mint = f.withSession("POST", "/api/v1/tokens", keyToken(), s);
    assertThat(mint.statusCode()).as(mint.body()).isEqualTo(403);
    assertThat(ServerFixture.json(mint).path("detail").asText()).contains("no second factor").contains("keep mfa");
  }

  @Test
  void trustRoot_securityTeamRotatesIt_overTheApi() throws Exception {
    String sam = f.loginToken(f.user("sam", "security-team"));
    assertThat(f.withToken("POST", "/api/v1/trust/export", Map.of(), sam).statusCode()).isEqualTo(200);
    HttpResponse<String> rotated = f.withToken("POST", "/api/v1/keys/_trust-root/rotate", Map.of(), sam);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(ServerFixture.json(rotated).path("activeVersion").asInt()).isEqualTo(2);
    // A project owner does not see the instance's own key at all.
    assertThat(f.withToken("POST", "/api/v1/keys/_trust-root/rotate", Map.of(), f.loginToken(ownerId))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void destroy_wholeKey_takesTwoPeople() throws Exception {
    String olivia = f.loginToken(ownerId);
    String sam = f.loginToken(f.user("sam", "security-team"));
    assertThat(PlatformHolesTest.type(f.withToken("POST", "/api/v1/keys/release/destroy", null, olivia)))
        .isEqualTo("key-not-archived");
    assertThat(f.withToken("POST", "/api/v1/keys/release/archive", null, olivia).statusCode()).isEqualTo(200);
    HttpResponse<String> asked = f.withToken("POST", "/api/v1/keys/release/destroy", null, olivia);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    assertThat(ServerFixture.json(asked).path("requestedBy").asText()).isEqualTo("user:" + ownerId);
    assertThat(PlatformHolesTest.type(f.withToken("POST", "/api/v1/keys/release/destroy", null, olivia)))
        .isEqualTo("second-person-required");
    HttpResponse<String> done = f.withToken("POST", "/api/v1/keys/release/destroy", null, sam);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(ServerFixture.json(done).path("status").asText()).isEqualTo("destroyed");
  }

  @Test
  void custodian_securityTeamMemberCannotApproveTheirOwnKey_overTheApi() throws Exception {
    String sam = f.loginToken(f.user("sam", "security-team"));
    String nora = f.loginToken(f.user("nora", "security-team"));
    String pem = sovereign.munin.keep.crypto.HybridEncryption.generateKeyPair(new java.security.SecureRandom())
        .publicKey().toPem();
    HttpResponse<String> enrolled = f.withToken("POST", "/api/v1/custodians", Map.of("publicKey", pem), sam);
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
    String keyId = ServerFixture.json(enrolled).path("keyId").asText();
    assertThat(PlatformHolesTest.type(f.withToken("POST", "/api/v1/custodians/" + keyId + "/approve", null, sam)))
        .isEqualTo("custodian-self-approval");
    HttpResponse<String> one = f.withToken("POST", "/api/v1/custodians/" + keyId + "/approve", null, nora);
    assertThat(ServerFixture.json(one).path("state").asText()).isEqualTo("pending");
    HttpResponse<String> backup = f.withToken("POST", "/api/v1/keys/backup", Map.of("recipients", List.of(pem,
        keyId), "threshold", 2), sam);
    assertThat(backup.statusCode()).isEqualTo(400);
    assertThat(PlatformHolesTest.type(backup)).isEqualTo("custodian-not-approved");
  }

  @Test
  void batch_signVerifyEncryptDecrypt_eachItemAnsweredInOrder_badItemsDoNotStopTheOthers() throws Exception {
    String olivia = f.loginToken(ownerId);
    assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", "box", "project", "payments", "type",
        "aes-256-gcm"), olivia).statusCode()).isEqualTo(201);
    var b64 = java.util.Base64.getEncoder();
    String one = b64.encodeToString("one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String two = b64.encodeToString("two".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> signed = f.withToken("POST", "/api/v1/keys/release/sign", Map.of("batch", List.of(
        Map.of("message", one), Map.of("message", "not base64!"), Map.of("message", two))), olivia);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    var answers = ServerFixture.json(signed).path("batch");
    assertThat(answers).hasSize(3);
    assertThat(answers.get(1).path("error").path("type").asText()).isEqualTo("bad-base64");
    HttpResponse<String> verified = f.withToken("POST", "/api/v1/keys/release/verify", Map.of("batch", List.of(
        Map.of("message", one, "signature", answers.get(0).path("signature").asText()),
        Map.of("message", one, "signature", answers.get(2).path("signature").asText()))), olivia);
    var checks = ServerFixture.json(verified).path("batch");
    assertThat(checks.get(0).path("valid").asBoolean()).isTrue();
    assertThat(checks.get(1).path("valid").asBoolean()).as("another message's signature").isFalse();

    HttpResponse<String> sealed = f.withToken("POST", "/api/v1/keys/box/encrypt", Map.of("batch", List.of(
        Map.of("plaintext", one), Map.of("plaintext", two))), olivia);
    var cts = ServerFixture.json(sealed).path("batch");
    HttpResponse<String> opened = f.withToken("POST", "/api/v1/keys/box/decrypt", Map.of("batch", List.of(
        Map.of("ciphertext", cts.get(1).path("ciphertext").asText()), Map.of("ciphertext", one))), olivia);
    var plains = ServerFixture.json(opened).path("batch");
    assertThat(plains.get(0).path("plaintext").asText()).isEqualTo(two);
    assertThat(plains.get(1).path("error").path("type").asText()).startsWith("ciphertext-");

    List<Map<String, String>> tooMany = java.util.Collections.nCopies(101, Map.of("message", one));
    assertThat(PlatformHolesTest.type(f.withToken("POST", "/api/v1/keys/release/sign", Map.of("batch", tooMany),
        olivia))).isEqualTo("bad-batch");
  }

  @Test
  void import_theRequesterCannotApproveThroughAnotherCredential_aSecondOwnerCan() throws Exception {
    String secondId = f.user("sam", "developer");
    f.identity.projects().addMember("test", "payments", "sam", "project-owner");
    var pair = sovereign.munin.keep.crypto.Signatures.generate(sovereign.munin.keep.crypto.SignatureAlgorithm.ED25519,
        new java.security.SecureRandom());
    HttpResponse<String> wrap = f.withToken("GET", "/api/v1/key-imports/wrapping-key", null, f.loginToken(ownerId));
    assertThat(wrap.statusCode()).as(wrap.body()).isEqualTo(200);
    byte[] wrapped = sovereign.munin.keep.crypto.HybridEncryption.encrypt(sovereign.munin.keep.crypto.HybridPublicKey
        .fromPem(ServerFixture.json(wrap).path("pem").asText()), pair.getPrivate().getEncoded(),
        sovereign.munin.keep.app.keys.KeyImports.aad("outside", "ed25519"));
    var b64 = java.util.Base64.getEncoder();
    Map<String, Object> body = Map.of("name", "outside", "project", "payments", "type", "ed25519", "publicKey",
        b64.encodeToString(pair.getPublic().getEncoded()), "wrappedMaterial", b64.encodeToString(wrapped),
        "wrappingVersion", ServerFixture.json(wrap).path("version").asInt());
    HttpResponse<String> asked = f.withToken("POST", "/api/v1/key-imports", body, f.loginToken(ownerId));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);

    // The same person through a second login token: still the requester.
    HttpResponse<String> self = f.withToken("POST", "/api/v1/key-imports/outside/approve", null,
        f.loginToken(ownerId));
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(PlatformHolesTest.type(self)).isEqualTo("second-person-required");
    HttpResponse<String> notYet = f.withToken("POST", "/api/v1/keys/outside/sign", Map.of("message", "aGk="),
        f.loginToken(ownerId));
    assertThat(notYet.statusCode()).isEqualTo(404);
    // A bad request changes nothing: material for another name is refused as problem+json.
    HttpResponse<String> forged = f.withToken("POST", "/api/v1/key-imports", Map.of("name", "forged", "project",
        "payments", "type", "ed25519", "publicKey", b64.encodeToString(pair.getPublic().getEncoded()),
        "wrappedMaterial", b64.encodeToString(wrapped), "wrappingVersion", 1), f.loginToken(secondId));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(PlatformHolesTest.type(forged)).isEqualTo("import-unwrap-failed");

    HttpResponse<String> approved = f.withToken("POST", "/api/v1/key-imports/outside/approve", null,
        f.loginToken(secondId));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
    assertThat(f.withToken("POST", "/api/v1/keys/outside/sign", Map.of("message", "aGk="), f.loginToken(ownerId))
        .statusCode()).isEqualTo(200);
  }
}
