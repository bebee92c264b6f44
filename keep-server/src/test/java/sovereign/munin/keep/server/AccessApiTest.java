package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sovereign.munin.keep.server.ServerFixture.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access requests over the API: both approvals needed, nobody approves their own, one person never counts
 * twice, an owner of A cannot approve for B, grants expire. Callers use tokens so step-up does not apply.
 */
class AccessApiTest {

  @TempDir
  Path base;

  ServerFixture f;
  String dev;
  String owner;
  String ownerB;
  String security;
  String both;
  String payments;
  String ledger;

  @BeforeEach
  void start() {
    f = newFixture(base);
    String devId = f.user("dev", "developer");
    String ownerId = f.user("olivia", "developer");
    String ownerBId = f.user("otto", "developer");
    String securityId = f.user("sam", "security-team");
    String bothId = f.user("bea", "security-team");
    payments = f.identity.projects().create("test", "payments", "olivia").id();
    ledger = f.identity.projects().create("test", "ledger", "otto").id();
    f.identity.projects().addMember("test", "payments", "bea", "project-owner");
    dev = f.loginToken(devId);
    owner = f.loginToken(ownerId);
    ownerB = f.loginToken(ownerBId);
    security = f.loginToken(securityId);
    both = f.loginToken(bothId);
  }

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String request(String token, int days) throws Exception {
    HttpResponse<String> res = f.withToken("POST", "/api/v1/access/requests", Map.of("project", "payments",
        "role", "developer", "reason", "fix the settlement bug", "days", days), token);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return json(res).path("id").asText();
  }

  private HttpResponse<String> approve(String id, String token) throws Exception {
    return f.withToken("POST", "/api/v1/access/requests/" + id + "/approve", "{}", token);
  }

  private static String type(HttpResponse<String> res) throws Exception {
    return json(res).path("type").asText().replace("urn:munin-keep:problem:", "");
  }

  private int readPayments() throws Exception {
    return f.withToken("GET", "/api/v1/projects/" + payments, null, dev).statusCode();
  }

  @Test
  void approve_ownerAndSecurity_grantsAccessThatExpires() throws Exception {
    String id = request(dev, 7);
    assertThat(readPayments()).isEqualTo(404);
    assertThat(json(approve(id, owner)).path("status").asText()).isEqualTo("PENDING");
    assertThat(readPayments()).isEqualTo(404);
    assertThat(json(approve(id, security)).path("status").asText()).isEqualTo("ACTIVE");
    assertThat(readPayments()).isEqualTo(200);
    HttpResponse<String> report = f.withToken("GET", "/api/v1/access/report", null, security);
    assertThat(json(report)).hasSize(1);
    assertThat(json(report).get(0).path("approvedByOwner").asText()).startsWith("user:");
    f.clock.advance(Duration.ofDays(7).plusMinutes(1));
    dev = f.loginToken(f.identity.users().byName("dev").id()); // the test tokens last a day
    assertThat(readPayments()).isEqualTo(404);
  }

  @Test
  void approve_ownRequest_isRefused() throws Exception {
    String id = request(owner, 7);
    HttpResponse<String> res = approve(id, owner);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(type(res)).isEqualTo("self-decision");
  }

  @Test
  void approve_samePersonTwice_countsOnce() throws Exception {
    String id = request(dev, 7);
    assertThat(approve(id, both).statusCode()).isEqualTo(200);
    HttpResponse<String> again = approve(id, both);
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(type(again)).isEqualTo("same-approver");
    assertThat(readPayments()).isEqualTo(404);
  }

  @Test
  void approve_ownerOfAnotherProject_doesNotSeeTheRequest() throws Exception {
    String id = request(dev, 7);
    HttpResponse<String> res = approve(id, ownerB);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(type(res)).isEqualTo("request-not-found");
    assertThat(type(approve("r_nosuchrequest", ownerB))).isEqualTo("request-not-found");
  }

  @Test
  void approve_twoSecurityMembers_stillNeedsTheOwner() throws Exception {
    String id = request(dev, 7);
    assertThat(approve(id, security).statusCode()).isEqualTo(200);
    HttpResponse<String> second = approve(id, f.loginToken(f.user("sid", "security-team")));
    assertThat(type(second)).isEqualTo("already-approved");
    assertThat(readPayments()).isEqualTo(404);
  }

  @Test
  void deny_thenApprove_isRefused() throws Exception {
    String id = request(dev, 7);
    HttpResponse<String> denied = f.withToken("POST", "/api/v1/access/requests/" + id + "/deny",
        Map.of("reason", "not needed"), security);
    assertThat(json(denied).path("status").asText()).isEqualTo("DENIED");
    assertThat(type(approve(id, owner))).isEqualTo("request-decided");
  }

  @Test
  void request_tooLongOrGlobalRole_isRefused() throws Exception {
    HttpResponse<String> tooLong = f.withToken("POST", "/api/v1/access/requests", Map.of("project", "payments",
        "role", "developer", "reason", "r", "days", 365), dev);
    assertThat(type(tooLong)).isEqualTo("duration-too-long");
    HttpResponse<String> global = f.withToken("POST", "/api/v1/access/requests", Map.of("project", "payments",
        "role", "admin", "reason", "r", "days", 1), dev);
    assertThat(type(global)).isEqualTo("role-not-requestable");
  }

  @Test
  void list_showsOwnRequestsAndThoseOneMayDecide() throws Exception {
    request(dev, 7);
    assertThat(json(f.withToken("GET", "/api/v1/access/requests", null, dev))).hasSize(1);
    assertThat(json(f.withToken("GET", "/api/v1/access/requests", null, owner))).hasSize(1);
    assertThat(json(f.withToken("GET", "/api/v1/access/requests", null, ownerB))).isEmpty();
  }

  private String activeGrant() throws Exception {
    String id = request(dev, 60);
    approve(id, owner);
    approve(id, security);
    assertThat(readPayments()).isEqualTo(200);
    return id;
  }

  @Test
  void review_notRecertifiedByDeadline_isRevokedEvenAfterDowntime() throws Exception {
    activeGrant();
    assertThat(f.identity.reviews().runDue()).isZero(); // starts the first round
    assertThat(json(f.withToken("GET", "/api/v1/access/reviews", null, owner))).hasSize(1);
    f.clock.advance(Duration.ofDays(20)); // past the 14-day window, with no run in between
    assertThat(f.identity.reviews().runDue()).isEqualTo(1);
    dev = f.loginToken(f.identity.users().byName("dev").id());
    assertThat(readPayments()).isEqualTo(404);
  }

  @Test
  void review_recertifiedByOwner_keepsGrant_othersDoNotSeeIt() throws Exception {
    String grant = activeGrant();
    f.identity.reviews().runDue();
    String review = json(f.withToken("GET", "/api/v1/access/reviews", null, owner)).get(0).path("review").asText();
    String base = "/api/v1/access/reviews/" + review + "/grants/" + grant;
    // Neither the holder (a developer) nor another project's owner may review it, so neither sees it.
    assertThat(type(f.withToken("POST", base + "/recertify", "{}", dev))).isEqualTo("review-not-found");
    assertThat(type(f.withToken("POST", base + "/recertify", "{}", ownerB))).isEqualTo("review-not-found");
    assertThat(f.withToken("POST", base + "/recertify", "{}", owner).statusCode()).isEqualTo(204);
    f.clock.advance(Duration.ofDays(20));
    assertThat(f.identity.reviews().runDue()).isZero();
    dev = f.loginToken(f.identity.users().byName("dev").id());
    assertThat(readPayments()).isEqualTo(200);
  }
}
