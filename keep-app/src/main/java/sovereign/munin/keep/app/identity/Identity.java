package sovereign.munin.keep.app.identity;

import java.security.SecureRandom;
import sovereign.munin.keep.app.ApiTokens;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.governance.LockoutPolicy;

/** The identity use cases of one instance, built once so that they share their clock, hasher and policies. */
public record Identity(Users users, PasswordLogin login, Projects projects, Sessions sessions, Actors actors,
    ApiTokens tokens, TotpMfa mfa) {

  public static Identity of(KeepInstance instance, SessionPolicy policy) {
    SecureRandom rng = new SecureRandom();
    Users users = new Users(instance.state(), instance.audit(), instance.clock(), rng);
    return new Identity(users,
        new PasswordLogin(instance.state(), instance.audit(), instance.clock(), users, LockoutPolicy.DEFAULT),
        new Projects(instance.state(), instance.audit(), instance.clock()),
        new Sessions(instance.state(), instance.audit(), instance.clock(), rng, policy),
        new Actors(instance.state()), instance.tokens(),
        new TotpMfa(instance.state(), instance.audit(), instance.clock(), rng, instance.seal()));
  }
}
