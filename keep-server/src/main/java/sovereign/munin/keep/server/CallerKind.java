package sovereign.munin.keep.server;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a caller proved who they are. Every route declares which kinds may call it; the authoriser refuses the
 * others before any handler runs.
 */
enum CallerKind {
  /** A person in a browser: session cookie plus CSRF token. */
  SESSION("session"),
  /** A person at the command line: the token {@code keep login} keeps after password and MFA. */
  LOGIN_TOKEN("login-token"),
  /** A token a user minted for a machine, not narrowed to keys. */
  MACHINE_TOKEN("machine-token"),
  /** A machine token narrowed to named keys: it may use those keys and nothing else. */
  KEY_TOKEN("key-token"),
  /** The admin token printed once at init, which belongs to no user: the break-glass credential. */
  BOOTSTRAP("bootstrap-token");

  /** A person behind the request, who can answer an MFA check. */
  static final Set<CallerKind> PEOPLE = Set.copyOf(EnumSet.of(SESSION, LOGIN_TOKEN));
  /** A person in a browser: the console's pages. */
  static final Set<CallerKind> BROWSER = Set.of(SESSION);
  /** People and the break-glass token: administration. */
  static final Set<CallerKind> PEOPLE_AND_BOOTSTRAP = Set.copyOf(EnumSet.of(SESSION, LOGIN_TOKEN, BOOTSTRAP));
  /** Everyone but key-narrowed tokens: reads a machine may do for its owner. */
  static final Set<CallerKind> ALL_BUT_KEY_TOKENS = Set.copyOf(EnumSet.of(SESSION, LOGIN_TOKEN, MACHINE_TOKEN,
      BOOTSTRAP));
  /** Users' own credentials of every kind except the bootstrap token, which belongs to nobody. */
  static final Set<CallerKind> USERS = Set.copyOf(EnumSet.of(SESSION, LOGIN_TOKEN, MACHINE_TOKEN, KEY_TOKEN));
  /** Using a key: people, and machine tokens narrowed to that key. */
  static final Set<CallerKind> KEY_USERS = Set.copyOf(EnumSet.of(SESSION, LOGIN_TOKEN, KEY_TOKEN));
  /** Reading a key's public side: everyone with the permission, key tokens for their own keys. */
  static final Set<CallerKind> ANY = Set.copyOf(EnumSet.allOf(CallerKind.class));

  private final String id;

  CallerKind(String id) {
    this.id = id;
  }

  /** The name in the OpenAPI document and in refusals. */
  String id() {
    return id;
  }
}
