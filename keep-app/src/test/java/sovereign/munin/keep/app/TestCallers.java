package sovereign.munin.keep.app;

import java.time.Duration;
import java.util.UUID;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.NewUser;
import sovereign.munin.keep.governance.SessionPolicy;

/** API tokens for test callers with a given role, owning the given projects (created if missing). */
public final class TestCallers {

  /** The password test users are given after their one-time password. */
  public static final String PASSWORD = "correct horse battery staple";

  private TestCallers() {}

  /**
   * Enrols each hybrid public key (PEM) as a backup custodian of a new user, approved by two new security-team
   * members, so backups may name them.
   */
  public static void approvedCustodians(KeepInstance instance, String... publicKeyPems) {
    Identity identity = Identity.of(instance, SessionPolicy.DEFAULT);
    var custodians = new sovereign.munin.keep.app.keys.Custodians(instance);
    String first = identity.users().create("test", "t-approver-" + shortId(), "security-team").id();
    String second = identity.users().create("test", "t-approver-" + shortId(), "security-team").id();
    for (String pem : publicKeyPems) {
      String owner = identity.users().create("test", "t-custodian-" + shortId(), "developer").id();
      String keyId = custodians.enrol(owner, pem).keyId();
      custodians.approve(first, keyId);
      custodians.approve(second, keyId);
    }
  }

  /** A token of a new user with global role {@code role} (e.g. security-team, auditor, admin). */
  public static String withRole(KeepInstance instance, String role) {
    Identity identity = Identity.of(instance, SessionPolicy.DEFAULT);
    NewUser u = identity.users().create("test", "t-" + role + "-" + shortId(), role);
    identity.users().changePassword(u.id(), u.password().value(), PASSWORD);
    return token(instance, identity, u.id());
  }

  /** A token of a new project owner of each named project (which are created when they do not exist yet). */
  public static String projectOwner(KeepInstance instance, String... projects) {
    Identity identity = Identity.of(instance, SessionPolicy.DEFAULT);
    String name = "t-owner-" + shortId();
    NewUser u = identity.users().create("test", name, "developer");
    identity.users().changePassword(u.id(), u.password().value(), PASSWORD);
    for (String p : projects) {
      boolean exists;
      try {
        identity.projects().byName(p);
        exists = true;
      } catch (KeepException e) {
        exists = false;
      }
      if (exists) {
        identity.projects().addMember("test", p, name, "project-owner");
      } else {
        identity.projects().create("test", p, name);
      }
    }
    return token(instance, identity, u.id());
  }

  /**
   * A token of a new security-team member who also owns the named projects: global key and audit administration
   * plus key use in those projects, as a CLI walkthrough needs. Written to the data directory's cli.token, which
   * the CLI reads before the dev admin token.
   */
  public static String cliOperator(KeepInstance instance, String... projects) {
    Identity identity = Identity.of(instance, SessionPolicy.DEFAULT);
    String name = "t-operator-" + shortId();
    NewUser u = identity.users().create("test", name, "security-team");
    identity.users().changePassword(u.id(), u.password().value(), PASSWORD);
    for (String p : projects) {
      identity.projects().create("test", p, name);
    }
    String token = token(instance, identity, u.id());
    try {
      java.nio.file.Files.writeString(instance.dataDirectory().cliToken(), token + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return token;
  }

  /** The token {@code keep login} would keep for this person (a person's token, not a machine's). */
  private static String token(KeepInstance instance, Identity identity, String userId) {
    return instance.state().transaction(h -> instance.tokens().issueLogin(h, userId, Duration.ofDays(1), true))
        .secret();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
