package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.crypto.Base32;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Totp;
import sovereign.munin.keep.log.TileId;

/**
 * The holes a penetration test of the platform found, each reproduced as an attack: separation of duties, MFA
 * bypass through tokens, unlimited step-up codes, the trust export, the sealed server, and the smaller findings.
 */
class PlatformHolesTest {

  @TempDir
  Path base;

  ServerFixture f;
  String adminId;
  String ownerId;
  String devId;
  String securityId;
  String paymentsId;

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @BeforeEach
  void start() throws Exception {
    f = newFixture(base);
    adminId = f.user("ada", "admin");
    ownerId = f.user("olivia", "developer");
    devId = f.user("dev", "developer");
    securityId = f.user("sam", "security-team");
    f.user("other-owner", "developer");
    paymentsId = f.identity.projects().create("test", "payments", "olivia").id();
    f.identity.projects().create("test", "billing", "other-owner");
    String owner = f.loginToken(ownerId);
    String otherOwner = f.loginToken(f.identity.users().byName("other-owner").id());
    assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", "release", "project", "payments"), owner)
        .statusCode()).isEqualTo(201);
    assertThat(f.withToken("POST", "/api/v1/keys", Map.of("name", "invoices", "project", "billing"), otherOwner)
        .statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  static String type(HttpResponse<String> r) throws Exception {
    return ServerFixture.json(r).path("type").asText().replace(Problems.TYPE_PREFIX, "");
  }

  /** Enrols {@code userId} in TOTP directly and returns its secret. */
  SecretBytes enrolTotp(String userId) {
    String uri = f.identity.mfa().enrol(f.identity.users().byId(userId), "session");
    Matcher m = Pattern.compile("secret=([A-Z2-7]+)").matcher(uri);
    assertThat(m.find()).isTrue();
    SecretBytes secret = SecretBytes.copyOf(Base32.decode(m.group(1)));
    f.identity.mfa().confirm(f.identity.users().byId(userId), code(secret), "session");
    f.clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  String code(SecretBytes secret) {
    return Totp.DEFAULT.codeAt(secret, Totp.DEFAULT.stepAt(f.clock.instant()));
  }

  /** The entries of every event with {@code action}, integrated into the log or still pending. */
  List<String> entries(String action) {
    return f.instance.state().read(h -> h.createQuery("SELECT entry FROM audit_event WHERE action = :a "
        + "ORDER BY created_at").bind("a", action).mapTo(byte[].class).list()).stream()
        .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
  }

  long events(String action) {
    return entries(action).size();
  }

  // 1. Separation of duties: nobody adds members directly; grants are access requests with two approvals.

  @Test
  void admin_cannotAddAnyoneToAProject_membershipGoesThroughTwoApprovals() throws Exception {
    String admin = f.loginToken(adminId);
    String machine = f.token(adminId, List.of(), List.of());
    for (String token : List.of(admin, machine, f.init.adminToken().secret())) {
      HttpResponse<String> r = f.withToken("POST", "/api/v1/projects/" + paymentsId + "/members",
          Map.of("user", "ada", "role", "project-owner"), token);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    }
    assertThat(f.identity.projects().members(paymentsId)).extracting(m -> m.userId()).doesNotContain(adminId);
    // and still cannot sign with the project's key
    assertThat(f.withToken("POST", "/api/v1/keys/release/sign", Map.of("message", "aGk="), admin).statusCode())
        .isEqualTo(404);
  }

  @Test
  void projectCreation_byAnUnscopedMachineToken_isRefused_needsAPerson() throws Exception {
    String machine = f.token(adminId, List.of(), List.of());
    HttpResponse<String> r = f.withToken("POST", "/api/v1/projects", Map.of("name", "x", "owner", "dev"), machine);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(type(r)).isEqualTo("person-required");
  }

  // 2. MFA factors are added by a person with a fresh check, and the event names the credential.

  @Test
  void keyScopedOrMachineToken_cannotRegisterAFactor() throws Exception {
    String owner = f.loginToken(ownerId);
    HttpResponse<String> minted = f.withToken("POST", "/api/v1/tokens", Map.of("label", "ci", "projects",
        List.of("payments"), "keys", List.of("release")), owner);
    String keyToken = ServerFixture.json(minted).path("token").asText();
    String machine = f.token(ownerId, List.of(), List.of());
    for (String path : List.of("/api/v1/auth/mfa/webauthn/register/options", "/api/v1/auth/mfa/webauthn/register",
        "/api/v1/auth/mfa/totp", "/api/v1/auth/mfa/totp/confirm")) {
      assertThat(type(f.withToken("POST", path, "{}", keyToken))).as(path).isEqualTo("token-key-scope");
      assertThat(type(f.withToken("POST", path, "{}", machine))).as(path).isEqualTo("person-required");
    }
    assertThat(f.identity.webauthn().enrolled(ownerId)).isFalse();
  }

  @Test
  void staleLoginTokenOrSession_cannotAddAFactorToAnAccountThatHasOne() throws Exception {
    enrolTotp(devId);
    String token = f.loginToken(devId);
    f.clock.advance(Duration.ofMinutes(10));
    HttpResponse<String> r = f.withToken("POST", "/api/v1/auth/mfa/webauthn/register/options", "{}", token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(type(r)).isEqualTo("step-up-required");
    assertThat(type(f.withToken("POST", "/api/v1/auth/mfa/totp", "{}", token))).isEqualTo("step-up-required");
  }

  @Test
  void totpEnrolment_auditEventNamesTheCredentialThatDidIt() throws Exception {
    String token = f.loginToken(devId);
    HttpResponse<String> r = f.withToken("POST", "/api/v1/auth/mfa/totp", "{}", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(entries("user.mfa-enrol-start")).singleElement().asString().contains("\"via\":\"login-token:");
  }

  // 3. Step-up codes count towards the sign-in lockout.

  @Test
  void stepUp_wrongCodes_lockTheAccount_soTheRightCodeNoLongerPasses() throws Exception {
    SecretBytes secret = enrolTotp(devId);
    String token = f.loginToken(devId);
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> wrong = f.withToken("POST", "/api/v1/auth/step-up", Map.of("code", "000000"), token);
      assertThat(wrong.statusCode()).isEqualTo(403);
      if (type(wrong).equals("mfa-locked")) {
        assertThat(i).isEqualTo(5);
        break;
      }
      assertThat(i).isLessThan(5);
    }
    HttpResponse<String> right = f.withToken("POST", "/api/v1/auth/step-up", Map.of("code", code(secret)), token);
    assertThat(right.statusCode()).isEqualTo(403);
    assertThat(type(right)).isEqualTo("mfa-locked");
    assertThat(f.loginResponse("dev", ServerFixture.PASSWORD, code(secret), null).statusCode()).isEqualTo(401);
    assertThat(events("user.step-up")).isEqualTo(5);
  }

  // 4. Trust files: per project for members, organisation-wide for the security team, reason as a code.

  @Test
  void trustExport_isPerProjectForMembers_andOrganisationWideOnlyForGlobalRoles() throws Exception {
    String owner = f.loginToken(ownerId);
    assertThat(f.withToken("POST", "/api/v1/keys/release/revoke", Map.of("compromisedAt",
        f.clock.instant().toString(), "reason", "Alice's laptop, phone +44 20 7946 0000"), owner).statusCode())
        .isEqualTo(200);
    HttpResponse<String> org = f.withToken("POST", "/api/v1/trust/export", "{}", owner);
    assertThat(org.statusCode()).isEqualTo(403);
    HttpResponse<String> own = f.withToken("POST", "/api/v1/projects/payments/trust/export", "{}", owner);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    String payload = new String(java.util.Base64.getDecoder().decode(ServerFixture.json(own).path("payload")
        .asText()), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(payload).contains("\"release\"").doesNotContain("invoices").doesNotContain("laptop")
        .contains("\"revocationReason\":\"key-compromise\"").contains("\"scope\":\"project:payments\"");
    assertThat(f.withToken("POST", "/api/v1/projects/billing/trust/export", "{}", owner).statusCode())
        .isEqualTo(404);
    HttpResponse<String> all = f.withToken("POST", "/api/v1/trust/export", "{}", f.loginToken(securityId));
    assertThat(all.statusCode()).isEqualTo(200);
    f.clock.advance(Duration.ofMinutes(10));
    assertThat(type(f.withToken("POST", "/api/v1/projects/payments/trust/export", "{}", owner)))
        .isEqualTo("step-up-required");
  }

  // 5. The server certificate is a leaf.

  @Test
  void serverCertificate_isALeaf_notACa() throws Exception {
    var cert = sovereign.munin.keep.app.tls.ServerCertificate.readCertificate(f.init.tlsCert());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  // 6. Sealed means health, status and unseal only.

  @Test
  void sealed_answersOnlyHealthStatusAndUnseal_andSignInSaysTheSameForAnyPassword() throws Exception {
    String admin = f.loginToken(adminId);
    String security = f.loginToken(securityId);
    assertThat(f.withToken("POST", "/api/v1/sys/seal", "{}", admin).statusCode()).isEqualTo(200);
    for (String[] call : new String[][] {{"GET", "/api/v1/users"}, {"GET", "/api/v1/audit/events"},
        {"GET", "/api/v1/keys"}, {"POST", "/api/v1/tokens"}, {"GET", "/api/v1/auth/me"}}) {
      HttpResponse<String> r = f.withToken(call[0], call[1], call[0].equals("GET") ? null : "{}", security);
      assertThat(r.statusCode()).as(call[1]).isEqualTo(503);
      assertThat(type(r)).isEqualTo("sealed");
    }
    HttpResponse<String> right = f.loginResponse("dev", ServerFixture.PASSWORD, null, null);
    HttpResponse<String> wrong = f.loginResponse("dev", "not the password", null, null);
    assertThat(right.statusCode()).isEqualTo(503).isEqualTo(wrong.statusCode());
    assertThat(right.body()).isEqualTo(wrong.body());
    assertThat(f.withToken("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(f.withToken("GET", "/api/v1/sys/status", null, null).statusCode()).isEqualTo(200);
    assertThat(f.withToken("POST", "/api/v1/sys/unseal/auto", "{}", admin).statusCode()).isEqualTo(200);
    assertThat(f.withToken("GET", "/api/v1/users", null, security).statusCode()).isEqualTo(200);
  }

  // Also found.

  @Test
  void tiles_outOfRangeLevelsAndIndexes_areNotFound_neverAnotherTileOrAnError() throws Exception {
    String security = f.loginToken(securityId);
    for (String path : List.of("8/000.p/1", "9/000", new TileId(0, 1L << 56, 256).entriesPath().substring(5),
        new TileId(0, 1L << 55, 256).entriesPath().substring(5), "7/x001/000")) {
      HttpResponse<String> r = f.withToken("GET", "/api/v1/audit/tlog/tile/" + path, null, security);
      assertThat(r.statusCode()).as(path + " " + r.body()).isIn(400, 404);
    }
  }

  @Test
  void keyOfAnotherProject_answersExactlyAsAMissingKey() throws Exception {
    String dev = f.loginToken(ownerId);
    HttpResponse<String> hidden = f.withToken("GET", "/api/v1/keys/invoices", null, dev);
    HttpResponse<String> missing = f.withToken("GET", "/api/v1/keys/nosuchkey", null, dev);
    assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
    assertThat(type(hidden)).isEqualTo(type(missing)).isEqualTo("key-not-found");
    assertThat(f.withToken("POST", "/api/v1/keys/invoices/sign", Map.of("message", "aGk="), dev).statusCode())
        .isEqualTo(404);
  }

  @Test
  void keyScopedToken_cannotEndItsOwnersSessions_norFileRequests() throws Exception {
    String owner = f.loginToken(ownerId);
    String keyToken = ServerFixture.json(f.withToken("POST", "/api/v1/tokens", Map.of("label", "ci", "projects",
        List.of("payments"), "keys", List.of("release")), owner)).path("token").asText();
    assertThat(type(f.withToken("POST", "/api/v1/auth/logout-everywhere", "{}", keyToken)))
        .isEqualTo("token-key-scope");
    assertThat(type(f.withToken("POST", "/api/v1/access/requests", Map.of("project", "billing", "role",
        "developer", "reason", "x", "days", 1), keyToken))).isEqualTo("token-key-scope");
    assertThat(f.withToken("GET", "/api/v1/auth/me", null, owner).statusCode()).isEqualTo(200);
  }

  @Test
  void repeatedRefusals_areFoldedIntoOneEventPerMinute() throws Exception {
    String dev = f.loginToken(devId);
    long before = events("access.denied");
    for (int i = 0; i < 20; i++) {
      assertThat(f.withToken("GET", "/api/v1/users", null, dev).statusCode()).isEqualTo(403);
    }
    assertThat(events("access.denied")).isEqualTo(before + 1);
    f.clock.advance(Duration.ofSeconds(61));
    assertThat(f.withToken("GET", "/api/v1/users", null, dev).statusCode()).isEqualTo(403);
    List<String> all = entries("access.denied");
    assertThat(all).hasSize((int) before + 2);
    assertThat(all).anyMatch(t -> t.contains("\"repeatsFoldedBefore\":19"));
  }

  @Test
  void dataDirectory_isTheOwnersAlone() throws Exception {
    Path dir = f.init.dataDir();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    for (String file : List.of("keep.toml", "tls/server.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)))).as(file)
          .isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().matches("(keep|keys)\\.db(-wal|-shm)?")).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void jettysOwnRefusals_areProblemJson_withTheSecurityHeaders() throws Exception {
    HttpResponse<String> r = f.send("GET", "/api/v1/users", null, Map.of("X-Big", "a".repeat(64 * 1024)));
    assertThat(r.statusCode()).isEqualTo(431);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    JsonNode body = ServerFixture.json(r);
    assertThat(body.path("type").asText()).isEqualTo(Problems.TYPE_PREFIX + "http-431");
  }

  @Test
  void head_onAProtectedRoute_goesThroughTheSameCheck() throws Exception {
    HttpResponse<String> r = f.send("HEAD", "/api/v1/users", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(401);
  }
}
