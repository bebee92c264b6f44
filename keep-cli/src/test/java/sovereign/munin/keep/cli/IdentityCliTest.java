package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.NewUser;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.server.KeepServer;

/** The identity commands against a real server: users, projects, login, an access request through both approvals. */
class IdentityCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir
  Path base;

  InitResult init;
  KeepInstance instance;
  KeepServer server;
  Identity identity;
  InputStream stdin;

  @BeforeEach
  void start() {
    init = TestInstances.dev(base, null, null);
    instance = TestInstances.open(init.dataDir());
    server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
    identity = Identity.of(instance, SessionPolicy.DEFAULT);
    stdin = System.in;
  }

  @AfterEach
  void stop() {
    System.setIn(stdin);
    server.close();
    instance.close();
  }

  private CliRun keep(String... args) {
    List<String> all = new ArrayList<>(List.of("--data", init.dataDir().toString(), "--server", server.url()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private JsonNode json(CliRun r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  /** Recovery codes of the users enrolled in TOTP, one per login (a TOTP code could not be used twice a step). */
  private final java.util.Map<String, java.util.Deque<String>> recovery = new java.util.HashMap<>();

  private void user(String name, String role) {
    NewUser u = identity.users().create("test", name, role);
    identity.users().changePassword(u.id(), u.password().value(), PASSWORD);
  }

  /** A user with TOTP, as approvers need: sensitive commands want a fresh MFA check. */
  private void userWithMfa(String name, String role) {
    user(name, role);
    var row = identity.users().byName(name);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("secret=([A-Z2-7]+)")
        .matcher(identity.mfa().enrol(row, "session"));
    assertThat(m.find()).isTrue();
    var secret = sovereign.munin.keep.crypto.SecretBytes.copyOf(sovereign.munin.keep.crypto.Base32.decode(m.group(1)));
    var totp = sovereign.munin.keep.crypto.Totp.DEFAULT;
    var codes = identity.mfa().confirm(identity.users().byName(name),
        totp.codeAt(secret, totp.stepAt(java.time.Instant.now())), "session");
    recovery.put(name, new java.util.ArrayDeque<>(codes));
  }

  private void login(String name) throws Exception {
    java.util.Deque<String> codes = recovery.get(name);
    String code = codes == null ? "" : codes.pop();
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n" + code + "\n").getBytes(StandardCharsets.UTF_8)));
    JsonNode r = json(keep("login", "--name", name, "--json"));
    assertThat(r.path("user").asText()).isEqualTo(name);
  }

  @Test
  void userAndProject_addList_withDevAdminToken() throws Exception {
    JsonNode added = json(keep("user", "add", "alice", "--role", "developer", "--json"));
    assertThat(added.path("oneTimePassword").asText()).hasSizeGreaterThan(16);
    assertThat(json(keep("user", "list", "--json"))).extracting(n -> n.path("name").asText()).contains("alice");
    assertThat(json(keep("project", "add", "payments", "--owner", "alice", "--json")).path("name").asText())
        .isEqualTo("payments");
    assertThat(json(keep("project", "list", "--json"))).hasSize(1);
    assertThat(keep("user", "disable", "alice").exit()).isZero();
    assertThat(keep("user", "add", "bob", "--role", "overlord").exit()).isEqualTo(1);
  }

  @Test
  void accessRequest_throughBothApprovals_showsInReport() throws Exception {
    user("alice", "developer");
    userWithMfa("olivia", "developer");
    userWithMfa("sam", "security-team");
    identity.projects().create("test", "payments", "olivia");
    login("alice");
    Path token = init.dataDir().resolve("cli.token");
    assertThat(Files.getPosixFilePermissions(token)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String id = json(keep("access", "request", "--project", "payments", "--role", "developer", "--reason",
        "settlement bug", "--days", "7", "--json")).path("id").asText();
    CliRun own = keep("access", "approve", id);
    // A requester without access.read in the project does not see requests to decide: not found (exit 1).
    assertThat(own.exit()).isEqualTo(1);
    login("olivia");
    assertThat(json(keep("access", "approve", id, "--json")).path("status").asText()).isEqualTo("PENDING");
    login("sam");
    assertThat(json(keep("access", "list", "--json"))).hasSize(1);
    assertThat(json(keep("access", "approve", id, "--json")).path("status").asText()).isEqualTo("ACTIVE");
    assertThat(json(keep("access", "report", "--json"))).hasSize(1);
    assertThat(keep("access", "review").out().strip()).isEqualTo("No access-review items are open for you.");
    identity.reviews().runDue();
    login("olivia");
    JsonNode items = json(keep("access", "review", "--json"));
    assertThat(items).hasSize(1);
    assertThat(keep("access", "review", "--review", items.get(0).path("review").asText(), "--keep", id).exit())
        .isZero();
    assertThat(keep("logout").exit()).isZero();
    assertThat(token).doesNotExist();
  }

  @Test
  void login_accountWithSecurityKey_isExit4WithReasonAndWritesNoToken() {
    user("alice", "developer");
    Identity served = Identity.of(instance, SessionPolicy.DEFAULT, "127.0.0.1", server::port);
    var alice = served.users().byName("alice");
    var key = new sovereign.munin.keep.app.identity.SoftwareAuthenticator("https://localhost:" + server.port(),
        "localhost");
    served.webauthn().register(alice, key.register((String) served.webauthn().registrationOptions(alice)
        .get("challenge")), null, "session");
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n\n").getBytes(StandardCharsets.UTF_8)));
    CliRun r = keep("login", "--name", "alice");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("passkey or security key");
    assertThat(init.dataDir().resolve("cli.token")).doesNotExist();
  }

  @Test
  void login_wrongPassword_isExit4AndWritesNoToken() {
    user("alice", "developer");
    System.setIn(new ByteArrayInputStream("nope\n\n".getBytes(StandardCharsets.UTF_8)));
    CliRun r = keep("login", "--name", "alice");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(init.dataDir().resolve("cli.token")).doesNotExist();
  }

  @Test
  void password_oneTimeThenChanged_loginTakesOnlyTheNewOne() throws Exception {
    NewUser u = identity.users().create("test", "dana", "developer");
    String otp = u.password().value();
    System.setIn(new ByteArrayInputStream((otp + "\n\n").getBytes(StandardCharsets.UTF_8)));
    CliRun first = keep("login", "--name", "dana");
    assertThat(first.out()).contains("keep password");
    System.setIn(new ByteArrayInputStream((otp + "\nnew one\nnew two\n").getBytes(StandardCharsets.UTF_8)));
    CliRun mismatch = keep("password");
    assertThat(mismatch.exit()).isEqualTo(1);
    assertThat(mismatch.err()).contains("differ");
    System.setIn(new ByteArrayInputStream((otp + "\n" + PASSWORD + "\n" + PASSWORD + "\n")
        .getBytes(StandardCharsets.UTF_8)));
    CliRun changed = keep("password");
    assertThat(changed.exit()).as(changed.err()).isZero();
    System.setIn(new ByteArrayInputStream((otp + "\n\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(keep("login", "--name", "dana").exit()).isEqualTo(4);
    login("dana");
  }

  @Test
  void mfaTotp_enrolAndConfirm_thenLoginNeedsTheCode() throws Exception {
    user("erin", "developer");
    login("erin");
    JsonNode started = json(keep("mfa", "totp", "--json"));
    assertThat(started.path("otpauthUri").asText()).startsWith("otpauth://totp/");
    var secret = sovereign.munin.keep.crypto.SecretBytes.copyOf(
        sovereign.munin.keep.crypto.Base32.decode(started.path("secret").asText()));
    var totp = sovereign.munin.keep.crypto.Totp.DEFAULT;
    assertThat(keep("mfa", "confirm", "--code", "000000").exit()).isEqualTo(4);
    String code = totp.codeAt(secret, totp.stepAt(java.time.Instant.now()));
    JsonNode confirmed = json(keep("mfa", "confirm", "--code", code, "--json"));
    assertThat(confirmed.path("recoveryCodes")).hasSize(10);

    System.setIn(new ByteArrayInputStream((PASSWORD + "\n\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(keep("login", "--name", "erin").exit()).isEqualTo(4);
    String recovery = confirmed.path("recoveryCodes").get(0).asText();
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
    CliRun withCode = keep("login", "--name", "erin", "--code", recovery, "--json");
    assertThat(withCode.exit()).as(withCode.err()).isZero();
    assertThat(JSON.readTree(withCode.out()).path("mfaEnrolled").asBoolean()).isTrue();
  }

  @Test
  void stepUp_sensitiveCommandsNeedAFreshSecondFactor() throws Exception {
    user("alice", "developer");
    user("nora", "security-team");
    userWithMfa("sam", "security-team");
    identity.projects().create("test", "payments", "sam");
    login("alice");
    String id = json(keep("access", "request", "--project", "payments", "--role", "developer", "--reason", "bug",
        "--days", "3", "--json")).path("id").asText();
    login("nora");
    CliRun noMfa = keep("access", "approve", id);
    assertThat(noMfa.exit()).isEqualTo(4);
    assertThat(noMfa.err()).contains("keep step-up");
    assertThat(keep("step-up", "--code", "123456").exit()).isEqualTo(4);
    login("sam");
    assertThat(keep("step-up", "--code", "000000").exit()).isEqualTo(4);
    CliRun stepped = keep("step-up", "--code", recovery.get("sam").pop(), "--json");
    assertThat(stepped.exit()).as(stepped.err()).isZero();
    assertThat(json(keep("access", "approve", id, "--json")).path("status").asText()).isEqualTo("PENDING");

    // Each step-up at the command line is audited: the wrong code as a failure, the right one as a success, both
    // naming the login token that asked.
    String sam = "user:" + identity.users().byName("sam").id();
    List<JsonNode> stepUps = events("user.step-up").stream().filter(e -> e.path("actor").asText().equals(sam))
        .toList();
    assertThat(stepUps).extracting(e -> e.path("outcome").asText()).containsExactly("failure", "success");
    assertThat(stepUps).allSatisfy(e -> assertThat(e.path("details").path("via").asText()).startsWith("login-token:"));
  }

  @Test
  void login_issuesALoginTokenAndAuditsIt() throws Exception {
    user("lena", "developer");
    login("lena");
    String lena = "user:" + identity.users().byName("lena").id();
    JsonNode issued = events("token.issue").stream().filter(e -> e.path("actor").asText().equals(lena))
        .findFirst().orElseThrow();
    assertThat(issued.path("details").path("kind").asText()).isEqualTo("login");
    String tokenId = issued.path("target").asText().replaceFirst("^token:", "");
    assertThat(java.nio.file.Files.readString(instance.dataDirectory().cliToken())).contains("keep_" + tokenId + "_");
    assertThat(events("user.login").stream().map(e -> e.path("actor").asText())).contains(lena);
  }

  /** The canonical entries of the audit events with this action, oldest first (search answers newest first). */
  private List<JsonNode> events(String action) throws Exception {
    instance.sequencer().integrateAll(1000);
    List<JsonNode> out = new ArrayList<>();
    for (var e : instance.auditReader().search(new sovereign.munin.keep.app.audit.AuditReader.Query(null, action,
        null, 0, Long.MAX_VALUE, 1000))) {
      out.addFirst(JSON.readTree(e.entryText()));
    }
    return out;
  }
}
