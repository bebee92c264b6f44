package sovereign.munin.keep.app.identity;

import java.security.SecureRandom;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.LockoutPolicy;

/** The identity use cases of one instance, built once so that they share their clock, hasher and policies. */
public record Identity(Users users, PasswordLogin login, Projects projects, Sessions sessions, Actors actors,
    ApiTokens tokens, TotpMfa mfa, AccessRequests access, AccessReviews reviews) {

  public static Identity of(KeepInstance instance, SessionPolicy policy) {
    SecureRandom rng = new SecureRandom();
    Users users = new Users(instance.state(), instance.audit(), instance.clock(), rng);
    Actors actors = new Actors(instance.state(), instance.clock());
    Projects projects = new Projects(instance.state(), instance.audit(), instance.clock());
    return new Identity(users,
        new PasswordLogin(instance.state(), instance.audit(), instance.clock(), users, LockoutPolicy.DEFAULT),
        projects,
        new Sessions(instance.state(), instance.audit(), instance.clock(), rng, policy),
        actors, instance.tokens(),
        new TotpMfa(instance.state(), instance.audit(), instance.clock(), rng, instance.seal()),
        new AccessRequests(instance.state(), instance.audit(), instance.clock(), actors, projects,
            instance.config().access()),
        new AccessReviews(instance.state(), instance.audit(), instance.clock(), actors,
            instance.config().reviews()));
  }
}
