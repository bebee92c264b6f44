package sovereign.munin.keep.server;

import sovereign.munin.keep.store.identity.UserRow;

/** The MFA check at login: a user with TOTP enrolled must give a valid, unused code. */
interface Mfa {

  /** True when an MFA check passed; throws the login-failed error when one was needed and failed. */
  boolean checkAtLogin(UserRow user, String code);
}
