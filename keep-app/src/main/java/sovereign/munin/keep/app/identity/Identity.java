package sovereign.munin.keep.app.identity;

import com.webauthn4j.WebAuthnManager;
import java.security.SecureRandom;
import java.util.function.IntSupplier;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.governance.LockoutPolicy;
import sovereign.munin.keep.governance.SessionPolicy;

/** The identity use cases of one instance, built once so that they share their clock, hasher and policies. */
public record Identity(Users users, PasswordLogin login, Projects projects, Sessions sessions, Actors actors,
    Tokens tokens, TotpMfa mfa, AccessRequests access, AccessReviews reviews, WebAuthnMfa webauthn,
    WebAuthnSignIn webauthnSignIn) {

  /** Identity for an instance whose server listens where its configuration says. */
  public static Identity of(KeepInstance instance, SessionPolicy policy) {
    ListenAddress listen = instance.config().listen();
    return of(instance, policy, listen.host(), listen::port);
  }

  /** Identity for a server listening on {@code listenHost} at the port {@code port} reports once bound. */
  public static Identity of(KeepInstance instance, SessionPolicy policy, String listenHost, IntSupplier port) {
    SecureRandom rng = new SecureRandom();
    Users users = new Users(instance.state(), instance.audit(), instance.clock(), rng);
    Actors actors = new Actors(instance.state(), instance.clock());
    Projects projects = new Projects(instance.state(), instance.audit(), instance.clock());
    PasswordLogin login = new PasswordLogin(instance.state(), instance.audit(), instance.clock(), users,
        LockoutPolicy.DEFAULT);
    RelyingParty rp = new RelyingParty(instance.config().webauthn(), listenHost, port);
    WebAuthnChallenges challenges = new WebAuthnChallenges(instance.state(), instance.clock(), rng);
    WebAuthnFormats formats = new WebAuthnFormats();
    WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    return new Identity(users, login, projects,
        new Sessions(instance.state(), instance.audit(), instance.clock(), rng, policy),
        actors, new Tokens(instance.state(), instance.audit(), instance.tokens(), projects),
        new TotpMfa(instance.state(), instance.audit(), instance.clock(), rng, instance.seal()),
        new AccessRequests(instance.state(), instance.audit(), instance.clock(), actors, projects,
            instance.config().access()),
        new AccessReviews(instance.state(), instance.audit(), instance.clock(), actors,
            instance.config().reviews()),
        new WebAuthnMfa(instance.state(), instance.audit(), instance.clock(), rp, challenges, formats, manager),
        new WebAuthnSignIn(instance.state(), instance.audit(), instance.clock(), rp, challenges, formats, manager,
            login));
  }

  /** Sign-in with password and second factor, for the API, the console and the command line alike. */
  public SignIn signIn() {
    return new SignIn(login, mfa, webauthnSignIn, webauthn, sessions, tokens);
  }

  /** Step-up checks, counted towards the sign-in lockout. */
  public StepUps stepUps() {
    return new StepUps(login, mfa, webauthnSignIn);
  }

  /** True when the user has a second factor: confirmed TOTP or at least one WebAuthn credential. */
  public boolean hasMfa(UserView user) {
    return user.hasTotp() || webauthn.enrolled(user.id());
  }
}
