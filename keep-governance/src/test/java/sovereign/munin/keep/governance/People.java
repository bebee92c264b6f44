package sovereign.munin.keep.governance;

import java.time.Instant;

/** The cast of the governance tests: two projects, their owners, the security team and others. */
final class People {
    static final String APOLLO = "apollo";
    static final String BOREALIS = "borealis";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    static final Actor DANA_DEVELOPER = Actor.global("dana", Role.DEVELOPER);
    static final Actor OLGA_OWNER_APOLLO = Actor.global("olga", Role.DEVELOPER).withProjectRoles(APOLLO, Role.PROJECT_OWNER);
    static final Actor OSCAR_OWNER_APOLLO = Actor.global("oscar", Role.DEVELOPER).withProjectRoles(APOLLO, Role.PROJECT_OWNER);
    static final Actor BERT_OWNER_BOREALIS = Actor.global("bert", Role.DEVELOPER).withProjectRoles(BOREALIS, Role.PROJECT_OWNER);
    static final Actor SAM_SECURITY = Actor.global("sam", Role.SECURITY_TEAM);
    static final Actor SOFIA_SECURITY = Actor.global("sofia", Role.SECURITY_TEAM);
    /** Holds both approving roles for apollo. */
    static final Actor BEA_SECURITY_AND_OWNER_APOLLO =
            Actor.global("bea", Role.SECURITY_TEAM).withProjectRoles(APOLLO, Role.PROJECT_OWNER);
    static final Actor ADA_ADMIN = Actor.global("ada", Role.ADMIN);
    static final Actor AUDREY_AUDITOR = Actor.global("audrey", Role.AUDITOR);
    static final Actor REX_REPORTER = Actor.global("rex", Role.REPORTER);
    /** Has the owner role only as a base role, in no project. */
    static final Actor PAT_BASE_OWNER = Actor.global("pat", Role.PROJECT_OWNER);

    private People() {}
}
