package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.seal.DevUnsealFile;
import sovereign.munin.keep.governance.RotationPolicy;

/**
 * Every declared route, called by every caller kind (browser session, login token, machine token, key-scoped
 * token, bootstrap token) of every role, on a resource in the caller's own project and in another: the server runs
 * in probe mode, so a call answers "authorised" exactly when the authoriser let it through. The expectations come
 * from {@link #POLICY}, a table written by hand from the security policy, not from the code's role table; a route
 * missing from it fails the test. Stale MFA and a sealed instance are held against the same table.
 */
class RouteMatrixTest {

  /**
   * Who may call each route. Columns: roles allowed (A admin, S security-team, O project-owner, D developer,
   * U auditor, R reporter, * every role); caller kinds (s session, l login token, m machine token, k key-scoped
   * token, b bootstrap token, * all); scope (- none, P own project only for project roles, E global roles only,
   * T own token, or any for holders of user management); fresh MFA (- no, y yes, e when enrolled, k when the
   * body names keys, i.e. asks for use of private keys); sealed
   * (open: answers while sealed). Open routes are "open" in the roles column.
   */
  static final String POLICY = """
      GET  /                                              | open    | *       | - | - | -
      GET  /healthz                                       | open    | *       | - | - | sealed
      GET  /readyz                                        | open    | *       | - | - | sealed
      GET  /api/v1/sys/status                             | open    | *       | - | - | sealed
      POST /api/v1/sys/unseal                             | open    | *       | - | - | sealed
      GET  /api/v1/openapi.json                           | open    | *       | - | - | -
      POST /api/v1/auth/login                             | open    | *       | - | - | -
      POST /api/v1/auth/login/webauthn                    | open    | *       | - | - | -
      GET  /console/assets/{file}                         | open    | *       | - | - | -
      GET  /console/auth/login                            | open    | *       | - | - | -
      POST /console/auth/login                            | open    | *       | - | - | -
      POST /api/v1/sys/unseal/auto                        | A S     | s l b   | - | - | sealed
      POST /api/v1/sys/seal                               | A S     | s l m b | - | - | -
      GET  /api/v1/auth/me                                | *       | s l m k | - | - | -
      POST /api/v1/auth/logout                            | *       | s l m k | - | - | -
      POST /api/v1/auth/logout-everywhere                 | *       | s l     | - | - | -
      POST /api/v1/auth/password                          | *       | s l     | - | - | -
      POST /api/v1/auth/step-up                           | *       | s l     | - | - | -
      POST /api/v1/auth/step-up/webauthn                  | *       | s l     | - | - | -
      POST /api/v1/auth/step-up/webauthn/options          | *       | s l     | - | - | -
      POST /api/v1/auth/mfa/totp                          | *       | s l     | - | e | -
      POST /api/v1/auth/mfa/totp/confirm                  | *       | s l     | - | e | -
      POST /api/v1/auth/mfa/webauthn/register/options     | *       | s l     | - | e | -
      POST /api/v1/auth/mfa/webauthn/register             | *       | s l     | - | e | -
      GET  /api/v1/auth/mfa/webauthn                      | *       | s l     | - | - | -
      POST /api/v1/auth/mfa/webauthn/{id}/remove          | *       | s l     | - | y | -
      GET  /api/v1/tokens                                 | *       | s l     | - | - | -
      POST /api/v1/tokens                                 | *       | s l     | - | k | -
      GET  /api/v1/tokens/all                             | A       | s l b   | E | - | -
      POST /api/v1/tokens/{id}/revoke                     | A       | s l b   | T | - | -
      GET  /api/v1/users                                  | A S U   | s l m b | - | - | -
      POST /api/v1/users                                  | A       | s l b   | - | y | -
      POST /api/v1/users/{name}/disable                   | A       | s l b   | - | y | -
      POST /api/v1/users/{name}/reset-mfa                 | A       | s l b   | - | y | -
      GET  /api/v1/projects                               | A S O D U | s l m b | - | - | -
      POST /api/v1/projects                               | A       | s l b   | - | y | -
      GET  /api/v1/projects/{project}                     | A S O D U | s l m b | P | - | -
      POST /api/v1/projects/{project}/trust/export        | S O D U | s l     | P | y | -
      POST /api/v1/trust/export                           | S U     | s l     | E | y | -
      GET  /api/v1/trust/root                             | S O D U | *       | - | - | -
      POST /api/v1/access/requests                        | A S O D | s l     | - | - | -
      GET  /api/v1/access/requests                        | *       | s l     | - | - | -
      POST /api/v1/access/requests/{id}/approve           | S O     | s l     | P | y | -
      POST /api/v1/access/requests/{id}/deny              | S O     | s l     | P | y | -
      GET  /api/v1/access/reviews                         | S O     | s l     | - | - | -
      POST /api/v1/access/reviews/{review}/grants/{grant}/recertify | S O | s l | P | y | -
      POST /api/v1/access/reviews/{review}/grants/{grant}/revoke    | S O | s l | P | y | -
      GET  /api/v1/access/report                          | A S O U | s l m b | - | - | -
      GET  /api/v1/audit/key                              | S U     | s l m b | - | - | -
      GET  /api/v1/audit/checkpoint                       | S U     | s l m b | - | - | -
      GET  /api/v1/audit/proof                            | S U     | s l m b | - | - | -
      GET  /api/v1/audit/consistency                      | S U     | s l m b | - | - | -
      GET  /api/v1/audit/events                           | S U     | s l m b | - | - | -
      POST /api/v1/audit/verify                           | S U     | s l m b | - | - | -
      GET  /api/v1/audit/tlog/checkpoint                  | S U     | s l m b | - | - | -
      GET  /api/v1/audit/tlog/tile/<path>                 | S U     | s l m b | - | - | -
      GET  /api/v1/audit/witnesses                        | S U     | s l m b | - | - | -
      POST /api/v1/audit/witnesses                        | S       | s l     | - | y | -
      POST /api/v1/audit/cosignatures                     | S       | s l m b | - | - | -
      POST /api/v1/audit/erase                            | S       | s l     | - | y | -
      GET  /api/v1/keys                                   | S O D U | s l m b | - | - | -
      POST /api/v1/keys                                   | S O     | s l     | P | y | -
      GET  /api/v1/keys/{name}                            | S O D U | s l m b | P | - | -
      GET  /api/v1/keys/{name}/public                     | S O D U | *       | P | - | -
      GET  /api/v1/keys/{name}/jwks                       | S O D U | *       | P | - | -
      POST /api/v1/keys/{name}/verify                     | S O D U | *       | P | - | -
      POST /api/v1/keys/{name}/sign                       | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/encrypt                    | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/decrypt                    | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/rewrap                     | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/datakey                    | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/mac                        | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/mac-verify                 | O D     | s l k   | P | y | -
      POST /api/v1/keys/{name}/min-decryption-version     | S O     | s l     | P | y | -
      POST /api/v1/keys/{name}/rotate                     | S O     | s l     | P | y | -
      POST /api/v1/keys/{name}/revoke                     | S O     | s l     | P | y | -
      POST /api/v1/keys/{name}/archive                    | S O     | s l     | P | y | -
      POST /api/v1/keys/{name}/destroy                    | S O     | s l     | P | y | -
      POST /api/v1/keys/backup                            | S       | s l     | E | y | -
      POST /api/v1/keys/restore                           | S       | s l     | E | y | -
      POST /api/v1/keys/rotate-due                        | S       | s l     | E | y | -
      POST /api/v1/custodians                             | *       | s l     | - | y | -
      GET  /api/v1/custodians                             | S       | s l     | E | - | -
      POST /api/v1/custodians/{keyId}/approve             | S       | s l     | E | y | -
      POST /api/v1/custodians/{keyId}/remove              | S       | s l     | E | y | -
      GET  /api/v1/key-imports/wrapping-key               | S O     | s l     | - | - | -
      POST /api/v1/key-imports                            | S O     | s l     | P | y | -
      GET  /api/v1/key-imports                            | S O D U | s l     | - | - | -
      POST /api/v1/key-imports/{import}/approve           | S O     | s l     | P | y | -
      GET  /console                                       | *       | s       | - | - | -
      GET  /console/auth/password                         | *       | s       | - | - | -
      POST /console/auth/password                         | *       | s       | - | - | -
      POST /console/auth/logout                           | *       | s       | - | - | -
      POST /console/auth/logout-everywhere                | *       | s       | - | - | -
      GET  /console/auth/mfa                              | *       | s       | - | - | -
      POST /console/auth/mfa/totp                         | *       | s       | - | e | -
      POST /console/auth/mfa/totp/confirm                 | *       | s       | - | e | -
      POST /console/auth/mfa/webauthn/{id}/remove         | *       | s       | - | y | -
      GET  /console/auth/step-up                          | *       | s       | - | - | -
      POST /console/auth/step-up                          | *       | s       | - | - | -
      GET  /console/requests                              | A S O D | s       | - | - | -
      POST /console/requests                              | A S O D | s       | - | - | -
      GET  /console/approvals                             | A S O U | s       | - | - | -
      POST /console/approvals/{id}/approve                | S O     | s       | P | y | -
      POST /console/approvals/{id}/deny                   | S O     | s       | P | y | -
      GET  /console/reviews                               | S O     | s       | - | - | -
      POST /console/reviews/{review}/grants/{grant}/recertify | S O | s       | P | y | -
      POST /console/reviews/{review}/grants/{grant}/revoke    | S O | s       | P | y | -
      GET  /console/report                                | A S O U | s       | - | - | -
      """;

  /** One row of the policy. */
  record Rule(String method, String path, Set<String> roles, boolean open, Set<String> kinds, String scope,
      String mfa, boolean sealed) {

    boolean allows(String role, String kind, boolean own) {
      if (open) {
        return true;
      }
      if (!kinds.contains(kind) || !roles.contains(role)) {
        return scope.equals("T") && own && kinds.contains(kind) && !kind.equals("b");
      }
      boolean global = Set.of("A", "S", "U", "R").contains(role);
      return switch (scope) {
        case "P" -> own || global;
        case "E" -> global;
        default -> true;
      };
    }
  }

  static Map<String, Rule> policy() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (String line : POLICY.strip().split("\n")) {
      String[] c = line.split("\\|");
      String[] head = c[0].strip().split("\\s+");
      String roles = c[1].strip();
      Set<String> roleSet = roles.equals("*") ? Set.of("A", "S", "O", "D", "U", "R") : Set.of(roles.split("\\s+"));
      String kinds = c[2].strip();
      Set<String> kindSet = kinds.equals("*") ? Set.of("s", "l", "m", "k", "b") : Set.of(kinds.split("\\s+"));
      rules.put(head[0] + " " + head[1], new Rule(head[0], head[1], roles.equals("open") ? Set.of() : roleSet,
          roles.equals("open"), kindSet, c[3].strip(), c[4].strip(), c[5].strip().equals("sealed")));
    }
    return rules;
  }

  static final Map<String, String> ROLE_IDS = Map.of("A", "admin", "S", "security-team", "O", "project-owner",
      "D", "developer", "U", "auditor", "R", "reporter");

  @TempDir
  Path base;

  ServerFixture f;
  String own;
  String other;
  final Map<String, String> userIds = new LinkedHashMap<>();
  final Map<String, String> tokenIds = new LinkedHashMap<>();
  String victimToken;
  final Map<String, String[]> requests = new LinkedHashMap<>();
  final Map<String, String[]> reviewItems = new LinkedHashMap<>();

  /** The fixture on SQLite; the PostgreSQL variant overrides this. */
  ServerFixture newFixture(Path dir) {
    return new ServerFixture(dir, null, null, true);
  }

  @BeforeEach
  void start() {
    f = newFixture(base);
    String victim = f.user("victim", "developer");
    f.user("other-owner", "developer");
    String requester = f.user("requester", "developer");
    ROLE_IDS.forEach((k, role) -> userIds.put(k, f.user("m-" + role, role.equals("project-owner") ? "developer"
        : role)));
    own = f.identity.projects().create("test", "matrix", "m-project-owner").id();
    f.identity.projects().addMember("test", "matrix", "m-developer", "developer");
    other = f.identity.projects().create("test", "elsewhere", "other-owner").id();
    ManagedKeys keys = new ManagedKeys(f.instance, new SecureRandom());
    keys.create("own-key", "matrix", "signing", "ed25519", RotationPolicy.DEFAULT, "test");
    keys.create("other-key", "elsewhere", "signing", "ed25519", RotationPolicy.DEFAULT, "test");
    var imports = new sovereign.munin.keep.app.keys.KeyImports(f.instance, keys, new SecureRandom());
    for (String[] p : new String[][] {{"own-import", "matrix"}, {"other-import", "elsewhere"}}) {
      byte[] secret = new byte[32];
      var wrap = imports.wrappingKey("test");
      try {
        imports.request(p[0], p[1], null, "aes-256-gcm", null, null, sovereign.munin.keep.crypto.HybridEncryption
            .encrypt(sovereign.munin.keep.crypto.HybridPublicKey.fromPem(wrap.pem()), secret,
                sovereign.munin.keep.app.keys.KeyImports.aad(p[0], "aes-256-gcm")), wrap.version(), "user:nobody");
      } catch (sovereign.munin.keep.crypto.KeepCryptoException e) {
        throw new AssertionError(e);
      }
    }
    var sec = f.identity.users().byId(userIds.get("S"));
    for (String[] p : new String[][] {{"matrix", "m-project-owner"}, {"elsewhere", "other-owner"}}) {
      var q = f.identity.access().open(f.identity.users().byId(requester), p[0], "developer", "matrix", 30);
      f.identity.access().approve(f.identity.users().byName(p[1]), q.id());
      f.identity.access().approve(sec, q.id());
      var pending = f.identity.access().open(f.identity.users().byId(victim), p[0], "developer", "matrix", 30);
      requests.put(p[0], new String[] {pending.id()});
    }
    f.identity.reviews().runDue();
    for (var item : f.identity.reviews().openItems()) {
      reviewItems.put(item.projectId().equals(own) ? "matrix" : "elsewhere",
          new String[] {item.reviewId(), item.grantId()});
    }
    assertThat(reviewItems).containsKeys("matrix", "elsewhere");
    victimToken = tokenId(f.token(victim, List.of(), List.of()));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String tokenId(String secret) {
    return f.instance.tokens().authenticate(secret).orElseThrow().id();
  }

  /** A caller of {@code kind} for the user of role {@code role}: how it presents itself. */
  private Map<String, String> caller(String role, String kind) {
    String userId = userIds.get(role);
    return switch (kind) {
      case "s" -> {
        var s = f.identity.sessions().start(userId, true, null);
        yield Map.of("Cookie", Authenticator.COOKIE + "=" + s.cookie(), Authenticator.CSRF_HEADER, s.csrfToken());
      }
      case "l" -> bearer(f.loginToken(userId));
      case "m" -> {
        String t = f.token(userId, List.of(), List.of());
        tokenIds.put(role + "m", tokenId(t));
        yield bearer(t);
      }
      case "k" -> bearer(f.instance.state().transaction(h -> f.instance.tokens().issueScoped(h, "matrix", userId,
          List.of(own), List.of(), List.of("own-key"), Duration.ofDays(1))).secret());
      case "b" -> bearer(f.init.adminToken().secret());
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private String concrete(String path, boolean own, String role) {
    String place = own ? "matrix" : "elsewhere";
    if (own && path.contains("/tokens/") && !tokenIds.containsKey(role + "m")) {
      caller(role, "m"); // a token of the caller's own to revoke
    }
    String token = own ? tokenIds.get(role + "m") : victimToken;
    return path.replace("{project}", own ? this.own : other).replace("{name}", path.startsWith("/api/v1/users")
            ? "victim" : own ? "own-key" : "other-key")
        .replace("{id}", path.contains("/tokens/") ? token : path.contains("webauthn") ? "wa_x"
            : requests.get(place)[0])
        .replace("{review}", reviewItems.get(place)[0]).replace("{grant}", reviewItems.get(place)[1])
        .replace("<path>", "0/000").replace("{file}", "pico.css").replace("{keyId}", "custodian-key")
        .replace("{import}", own ? "own-import" : "other-import");
  }

  private String body(Rule r, boolean own) {
    if (r.method().equals("GET")) {
      return null;
    }
    return r.path().equals("/api/v1/keys") || r.path().equals("/api/v1/key-imports")
        ? "{\"project\":\"" + (own ? "matrix" : "elsewhere") + "\"}" : "{}";
  }

  private HttpResponse<String> call(String method, String path, String body, Map<String, String> who) {
    try {
      return f.send(method, path, body, who);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    }
  }

  private boolean authorised(HttpResponse<String> res) {
    return res.statusCode() == 200 && res.body().contains("\"authorised\":true");
  }

  @Test
  void everyRoute_isInThePolicy_andThePolicyNamesNoRouteThatIsNotServed() {
    Set<String> declared = new HashSet<>();
    f.server.routes().routes().forEach(r -> declared.add(r.method() + " " + r.path()));
    assertThat(policy().keySet()).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void everyCallerKind_everyRole_ownAndOtherProject_isAllowedExactlyAsThePolicySays() throws Exception {
    Map<String, Rule> policy = policy();
    List<String> mismatches = new ArrayList<>();
    int calls = 0;
    for (RouteSpec r : f.server.routes().routes()) {
      Rule rule = policy.get(r.method() + " " + r.path());
      boolean twoPlaces = Set.of("P", "T").contains(rule.scope());
      for (String role : ROLE_IDS.keySet()) {
        for (String kind : List.of("s", "l", "m", "k")) {
          for (boolean own : twoPlaces ? List.of(true, false) : List.of(true)) {
            Map<String, String> who = caller(role, kind);
            HttpResponse<String> res = call(r.method(), concrete(r.path(), own, role), body(rule, own), who);
            calls++;
            boolean expected = rule.allows(role, kind, own) && (!kind.equals("k") || !r.path().contains("{name}")
                || own || rule.open());
            if (authorised(res) != expected) {
              mismatches.add(role + "/" + kind + (own ? " own " : " other ") + r.method() + " " + r.path() + " -> "
                  + res.statusCode() + " " + RouteMatrixTest.problemType(res) + ", expected "
                  + (expected ? "allowed" : "refused"));
            }
          }
        }
      }
      for (boolean own : twoPlaces ? List.of(true, false) : List.of(true)) {
        HttpResponse<String> res = call(r.method(), concrete(r.path(), own, "A"), body(rule, own), caller("A",
            "b"));
        if (authorised(res) != rule.allows("A", "b", false)) {
          mismatches.add("bootstrap " + r.method() + " " + r.path() + " -> " + res.statusCode());
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(calls).isGreaterThan(f.server.routes().routes().size() * 24);
  }

  @Test
  void staleMfa_isRefusedExactlyWhereThePolicyAsksForAFreshCheck() throws Exception {
    Map<String, Rule> policy = policy();
    Map<String, Map<String, String>> stale = new LinkedHashMap<>();
    for (String role : ROLE_IDS.keySet()) {
      stale.put(role + "s", caller(role, "s"));
      stale.put(role + "l", caller(role, "l"));
    }
    f.clock.advance(Duration.ofMinutes(6));
    List<String> mismatches = new ArrayList<>();
    for (RouteSpec r : f.server.routes().routes()) {
      Rule rule = policy.get(r.method() + " " + r.path());
      for (var e : stale.entrySet()) {
        String role = e.getKey().substring(0, 1);
        String kind = e.getKey().substring(1);
        HttpResponse<String> res = call(r.method(), concrete(r.path(), true, role), body(rule, true),
            e.getValue());
        // Nobody here has MFA enrolled, so "when enrolled" asks for nothing.
        boolean expected = rule.allows(role, kind, true) && !rule.mfa().equals("y");
        if (authorised(res) != expected) {
          mismatches.add("stale " + e.getKey() + " " + r.method() + " " + r.path() + " -> " + res.statusCode());
        }
        if (rule.mfa().equals("k")) {
          // Asking for use of private keys needs a fresh check; the same call without keys does not.
          HttpResponse<String> keys = call(r.method(), concrete(r.path(), true, role),
              "{\"projects\":[\"matrix\"],\"keys\":[\"own-key\"]}", e.getValue());
          if (authorised(keys)) {
            mismatches.add("stale " + e.getKey() + " " + r.method() + " " + r.path() + " naming keys -> "
                + keys.statusCode());
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void sealed_everyRouteButHealthStatusAndUnseal_answersSealed() throws Exception {
    Map<String, Rule> policy = policy();
    Map<String, String> security = caller("S", "l");
    Map<String, String> bootstrap = caller("A", "b");
    f.instance.seal().seal();
    List<String> mismatches = new ArrayList<>();
    for (RouteSpec r : f.server.routes().routes()) {
      Rule rule = policy.get(r.method() + " " + r.path());
      for (Map<String, String> who : List.of(security, bootstrap)) {
        HttpResponse<String> res = call(r.method(), concrete(r.path(), true, "S"), body(rule, true), who);
        boolean expected = rule.sealed() && rule.allows(who == security ? "S" : "A", who == security ? "l" : "b",
            true);
        if (authorised(res) != expected) {
          mismatches.add("sealed " + r.method() + " " + r.path() + " -> " + res.statusCode());
        }
      }
    }
    f.instance.seal().unsealWith(DevUnsealFile.read(f.instance.dataDirectory().devUnsealFile()));
    assertThat(mismatches).isEmpty();
  }

  @Test
  void anonymous_everyNonPublicRoute_isUnauthenticated() throws Exception {
    for (RouteSpec r : f.server.routes().routes()) {
      if (!r.open()) {
        HttpResponse<String> res = call(r.method(), concrete(r.path(), true, "A"), body(policy().get(
            r.method() + " " + r.path()), true), Map.of());
        if (ConsoleRoutes.owns(r.path())) {
          assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(303);
          assertThat(problemType(res)).as(r.method() + " " + r.path()).isEqualTo("unauthenticated");
        } else {
          assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
        }
      }
    }
  }

  /** The problem type of a refusal: from problem+json on API routes, from the error page on console routes. */
  static String problemType(HttpResponse<String> res) throws Exception {
    if (res.body().contains("urn:munin-keep:problem:")) {
      return ServerFixture.json(res).path("type").asText().replace("urn:munin-keep:problem:", "");
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-problem=\"([a-z0-9-]+)\"").matcher(res.body());
    if (m.find()) {
      return m.group(1);
    }
    // A console page sends a caller without a session to the sign-in page.
    return res.statusCode() == 303 && res.headers().firstValue("Location").orElse("").startsWith("/console/auth/login?next=")
        ? "unauthenticated" : "";
  }

  @Test
  void consoleRoutes_areInTheMatrix_andEachDeclaresItsAccess() {
    List<RouteSpec> console = f.server.routes().routes().stream().filter(r -> ConsoleRoutes.owns(r.path())).toList();
    assertThat(console.stream().filter(RouteSpec::open).map(RouteSpec::path).distinct())
        .containsExactlyInAnyOrder("/", "/console/auth/login", "/console/assets/{file}");
    assertThat(console.stream().filter(r -> !r.open())).allMatch(r -> r.callers().equals(Set.of(CallerKind.SESSION)));
  }

  @Test
  void openApi_listsExactlyTheServedRoutes_withTheirWholeDeclaration() throws Exception {
    // The probe answers every route alike, so the document is taken from the generator the route serves.
    var doc = ServerFixture.JSON.valueToTree(OpenApi.document(f.server.routes().routes()));
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    Set<String> documented = new HashSet<>();
    doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
      assertThat(op.getValue().path("x-permission").asText()).isNotBlank();
      assertThat(op.getValue().path("x-callers").isArray()).isTrue();
    }));
    Set<String> served = new HashSet<>(f.server.servedRoutes());
    served.removeIf(route -> ConsoleRoutes.owns(route.substring(route.indexOf(' ') + 1)));
    assertThat(documented).isEqualTo(served);
    var sign = doc.path("paths").path("/api/v1/keys/{name}/sign").path("post");
    assertThat(sign.path("x-permission").asText()).isEqualTo("key.use");
    assertThat(sign.path("x-resource").asText()).isEqualTo("key:name");
    assertThat(sign.path("x-fresh-mfa").asText()).isEqualTo("yes");
    assertThat(sign.path("x-callers").toString()).isEqualTo("[\"key-token\",\"login-token\",\"session\"]");
    assertThat(doc.path("paths").path("/api/v1/auth/mfa/webauthn/register").path("post").path("x-fresh-mfa")
        .asText()).isEqualTo("if-mfa-enrolled");
    assertThat(doc.path("paths").path("/healthz").path("get").path("x-while-sealed").asBoolean()).isTrue();
  }
}
