package sovereign.munin.keep.app.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestClock;
import sovereign.munin.keep.app.audit.AuditReader;
import sovereign.munin.keep.app.audit.EventView;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.store.identity.UserRow;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WebAuthn registration, sign-in, step-up and removal with a software authenticator, on one database engine. */
abstract class WebAuthnContract {

  static final String ORIGIN = "https://localhost:8443";

  @TempDir
  Path base;

  final TestClock clock = TestClock.now();
  KeepInstance instance;
  Identity id;
  UserRow alice;

  /** The data directory of a fresh dev instance. */
  protected abstract Path newDevInstance(Path base);

  @BeforeEach
  void open() {
    instance = KeepInstance.open(new DataDirectory(newDevInstance(base)), Map.of(), clock, new SecureRandom());
    id = Identity.of(instance, SessionPolicy.DEFAULT, "127.0.0.1", () -> 8443);
    alice = user("alice");
  }

  @AfterEach
  void close() {
    instance.close();
  }

  private UserRow user(String name) {
    NewUser u = id.users().create("test", name, "developer");
    return id.users().row(u.id());
  }

  /** The user as the public use cases take it. */
  private static UserView v(UserRow row) {
    return UserView.of(row);
  }

  private static String challenge(Map<String, Object> options) {
    return (String) options.get("challenge");
  }

  private SoftwareAuthenticator registered(UserRow user) {
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, "localhost");
    id.webauthn().register(v(user),
        key.register(challenge(id.webauthn().registrationOptions(v(user)))), "yubi", "session");
    return key;
  }

  private List<EventView> events(String action) {
    instance.sequencer().integrateAll(100);
    return new AuditReader(instance.state()).search(new AuditReader.Query(null, action, null, 0, Long.MAX_VALUE,
        100));
  }

  private static String typeOf(Runnable r) {
    try {
      r.run();
    } catch (KeepException e) {
      return e.type();
    }
    throw new AssertionError("no KeepException");
  }

  @Test
  void registrationOptions_carryRandomHandleAlgorithmsAndNoAttestation() {
    Map<String, Object> o = id.webauthn().registrationOptions(v(alice));
    @SuppressWarnings("unchecked")
    Map<String, Object> user = (Map<String, Object>) o.get("user");
    byte[] handle = Base64.getUrlDecoder().decode((String) user.get("id"));
    assertThat(handle).hasSize(32);
    assertThat(new String(handle, StandardCharsets.ISO_8859_1)).doesNotContain("alice");
    assertThat(o.get("rp")).isEqualTo(Map.of("id", "localhost", "name", "Munin Keep"));
    assertThat(Base64.getUrlDecoder().decode(challenge(o))).hasSize(32);
    assertThat(o.get("pubKeyCredParams").toString()).contains("alg=-7", "alg=-8", "alg=-257");
    assertThat(o.get("attestation")).isEqualTo("none");
    assertThat(o.get("authenticatorSelection").toString()).contains("userVerification=preferred");
    Map<String, Object> again = id.webauthn().registrationOptions(v(alice));
    assertThat(again.get("user")).isEqualTo(user);
    assertThat(challenge(again)).isNotEqualTo(challenge(o));
  }

  @Test
  void register_validAnswer_storesKeyAuditsAndExcludesItNextTime() {
    SoftwareAuthenticator key = registered(alice);
    List<WebAuthnCredentialRow> keys = id.webauthn().rows(alice.id());
    assertThat(keys).singleElement().satisfies(k -> {
      assertThat(k.credentialId()).isEqualTo(key.credentialId());
      assertThat(k.label()).isEqualTo("yubi");
      assertThat(k.transports()).isEqualTo("usb");
    });
    assertThat(id.hasMfa(id.users().byId(alice.id()))).isTrue();
    assertThat(events("user.mfa-enrol")).hasSize(1);
    assertThat(id.webauthn().registrationOptions(v(alice)).get("excludeCredentials").toString())
        .contains(key.credentialId());
  }

  @Test
  void register_replayedAnswer_isRefused_challengeIsSingleUse() {
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, "localhost");
    String answer = key.register(challenge(id.webauthn().registrationOptions(v(alice))));
    id.webauthn().register(v(alice), answer, null, "session");
    assertThat(typeOf(() -> id.webauthn().register(v(alice), answer, null, "session")))
        .isEqualTo("webauthn-no-challenge");
    assertThat(id.webauthn().list(alice.id())).hasSize(1);
  }

  @Test
  void register_wrongOriginOrRpId_isRefused_andStoresNothing() {
    SoftwareAuthenticator phished = new SoftwareAuthenticator("https://evil.example:8443", "localhost");
    String a = phished.register(challenge(id.webauthn().registrationOptions(v(alice))));
    assertThat(typeOf(() -> id.webauthn().register(v(alice), a, null, "session")))
        .isEqualTo("webauthn-registration-refused");
    SoftwareAuthenticator otherRp = new SoftwareAuthenticator(ORIGIN, "evil.example");
    String b = otherRp.register(challenge(id.webauthn().registrationOptions(v(alice))));
    assertThat(typeOf(() -> id.webauthn().register(v(alice), b, null, "session")))
        .isEqualTo("webauthn-registration-refused");
    SoftwareAuthenticator wrongPort = new SoftwareAuthenticator("https://localhost:9999", "localhost");
    String c = wrongPort.register(challenge(id.webauthn().registrationOptions(v(alice))));
    assertThat(typeOf(() -> id.webauthn().register(v(alice), c, null, "session")))
        .isEqualTo("webauthn-registration-refused");
    assertThat(id.webauthn().enrolled(alice.id())).isFalse();
  }

  @Test
  void register_expiredChallenge_isRefused() {
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, "localhost");
    String answer = key.register(challenge(id.webauthn().registrationOptions(v(alice))));
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(typeOf(() -> id.webauthn().register(v(alice), answer, null, "session")))
        .isEqualTo("webauthn-no-challenge");
  }

  @Test
  void register_garbageOrBadLabel_isBadInputOrRefused() {
    id.webauthn().registrationOptions(v(alice));
    assertThat(typeOf(() -> id.webauthn().register(v(alice), "{\"id\":1}", null, "session")))
        .isEqualTo("webauthn-registration-refused");
    assertThat(typeOf(() -> id.webauthn().register(v(alice), "{}", "bad\nlabel", "session"))).isEqualTo("bad-label");
  }

  @Test
  void login_rightAssertion_passes_replayFailsAndCounts() {
    SoftwareAuthenticator key = registered(alice);
    assertThat(id.webauthnSignIn().startLogin(user("bob"))).isEmpty();
    WebAuthnSignIn.LoginChallenge c = id.webauthnSignIn().startLogin(alice).orElseThrow();
    assertThat(c.options().get("allowCredentials").toString()).contains(key.credentialId());
    String answer = key.assertion(challenge(c.options()));
    assertThat(id.webauthnSignIn().finishLogin(c.id(), answer).id()).isEqualTo(alice.id());
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c.id(), answer))).isEqualTo("login-failed");
    WebAuthnSignIn.LoginChallenge next = id.webauthnSignIn().startLogin(alice).orElseThrow();
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(next.id(), answer))).isEqualTo("login-failed");
    assertThat(id.users().row(alice.id()).failedLogins()).isEqualTo(1);
  }

  @Test
  void login_counterGoingBack_isRefusedAsPossibleClone_andAudited() {
    SoftwareAuthenticator key = registered(alice);
    key.counter(10);
    WebAuthnSignIn.LoginChallenge c = id.webauthnSignIn().startLogin(alice).orElseThrow();
    id.webauthnSignIn().finishLogin(c.id(), key.assertion(challenge(c.options())));
    key.counter(5);
    WebAuthnSignIn.LoginChallenge c2 = id.webauthnSignIn().startLogin(alice).orElseThrow();
    String clone = key.assertion(challenge(c2.options()));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c2.id(), clone))).isEqualTo("login-failed");
    assertThat(events("user.webauthn-counter-regressed")).hasSize(1);
    assertThat(id.webauthn().rows(alice.id()).getFirst().signCount()).isEqualTo(11);
  }

  @Test
  void login_authenticatorWithoutCounter_passesEveryTime() {
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, "localhost").notCounting();
    id.webauthn().register(v(alice),
        key.register(challenge(id.webauthn().registrationOptions(v(alice)))), null, "session");
    for (int i = 0; i < 2; i++) {
      WebAuthnSignIn.LoginChallenge c = id.webauthnSignIn().startLogin(alice).orElseThrow();
      assertThat(id.webauthnSignIn().finishLogin(c.id(), key.assertion(challenge(c.options()))).id())
          .isEqualTo(alice.id());
    }
  }

  @Test
  void login_otherUsersKeyOrWrongOriginOrRpIdOrExpired_isRefused() {
    registered(alice);
    SoftwareAuthenticator bobs = registered(user("bob"));
    WebAuthnSignIn.LoginChallenge c1 = id.webauthnSignIn().startLogin(alice).orElseThrow();
    String a1 = bobs.assertion(challenge(c1.options()));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c1.id(), a1))).isEqualTo("login-failed");
    SoftwareAuthenticator alices = new SoftwareAuthenticator(ORIGIN, "localhost");
    id.webauthn().register(v(alice),
        alices.register(challenge(id.webauthn().registrationOptions(v(alice)))), null, "session");
    WebAuthnSignIn.LoginChallenge c2 = id.webauthnSignIn().startLogin(alice).orElseThrow();
    String a2 = alices.origin("https://evil.example").assertion(challenge(c2.options()));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c2.id(), a2))).isEqualTo("login-failed");
    WebAuthnSignIn.LoginChallenge c3 = id.webauthnSignIn().startLogin(alice).orElseThrow();
    String a3 = alices.origin(ORIGIN).rpId("evil.example").assertion(challenge(c3.options()));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c3.id(), a3))).isEqualTo("login-failed");
    WebAuthnSignIn.LoginChallenge c4 = id.webauthnSignIn().startLogin(alice).orElseThrow();
    String a4 = alices.rpId("localhost").assertion(challenge(c4.options()));
    clock.advance(Duration.ofMinutes(6));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c4.id(), a4))).isEqualTo("login-failed");
    assertThat(id.users().row(alice.id()).failedLogins()).isEqualTo(3);
  }

  @Test
  void login_accountDisabledMeanwhile_isRefused() {
    SoftwareAuthenticator key = registered(alice);
    WebAuthnSignIn.LoginChallenge c = id.webauthnSignIn().startLogin(alice).orElseThrow();
    id.users().disable("test", "alice");
    String answer = key.assertion(challenge(c.options()));
    assertThat(typeOf(() -> id.webauthnSignIn().finishLogin(c.id(), answer))).isEqualTo("login-failed");
  }

  @Test
  void stepUp_rightAssertion_passesOnce_loginChallengeDoesNotServe() {
    SoftwareAuthenticator key = registered(alice);
    String answer = key.assertion(challenge(id.webauthnSignIn().stepUpOptions(v(alice))));
    assertThat(id.webauthnSignIn().stepUp(alice, answer)).isTrue();
    assertThat(id.webauthnSignIn().stepUp(alice, answer)).isFalse();
    WebAuthnSignIn.LoginChallenge login = id.webauthnSignIn().startLogin(alice).orElseThrow();
    assertThat(id.webauthnSignIn().stepUp(alice, key.assertion(challenge(login.options())))).isFalse();
    assertThat(typeOf(() -> id.webauthnSignIn().stepUpOptions(v(user("carol"))))).isEqualTo("webauthn-not-enrolled");
  }

  @Test
  void remove_ownKey_onlyOwn_andAdminResetRemovesAll() {
    registered(alice);
    registered(alice);
    UserRow bob = user("bob");
    String first = id.webauthn().list(alice.id()).getFirst().id();
    assertThat(typeOf(() -> id.webauthn().remove(v(bob), first, "session"))).isEqualTo("webauthn-credential-not-found");
    id.webauthn().remove(v(alice), first, "session");
    assertThat(id.webauthn().list(alice.id())).hasSize(1);
    assertThat(events("user.mfa-remove")).hasSize(1);
    id.mfa().reset("user:admin", v(alice));
    assertThat(id.webauthn().enrolled(alice.id())).isFalse();
    assertThat(id.hasMfa(id.users().byId(alice.id()))).isFalse();
  }

  @Test
  void relyingParty_origins_followTheBoundPortAndHostName() {
    var settings = sovereign.munin.keep.app.config.WebAuthnSettings.parse("keep.example.org", "Keep",
        "https://proxy.example.org");
    assertThat(new RelyingParty(settings, "127.0.0.1", () -> 40123).origins())
        .containsExactly("https://keep.example.org:40123", "https://proxy.example.org");
    assertThat(new RelyingParty(settings, "console.keep.example.org", () -> 443).origins())
        .containsExactly("https://keep.example.org", "https://console.keep.example.org", "https://proxy.example.org");
  }
}
