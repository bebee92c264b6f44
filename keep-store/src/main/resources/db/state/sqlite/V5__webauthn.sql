-- WebAuthn (passkeys, security keys) as a second factor.

-- The random handle authenticators keep instead of the user's name (WebAuthn user.id); set once per user.
CREATE TABLE webauthn_user (
  user_id  TEXT PRIMARY KEY REFERENCES keep_user (id),
  handle   TEXT NOT NULL UNIQUE
);

-- Registered credentials. attested_data is the attested credential data (AAGUID, credential id, COSE public key)
-- as the authenticator signed it at registration; credential_id repeats the id (base64url) for look-ups.
-- transports is a comma-separated list, empty when the browser gave none.
CREATE TABLE webauthn_credential (
  id             TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES keep_user (id),
  credential_id  TEXT NOT NULL UNIQUE,
  attested_data  BLOB NOT NULL,
  sign_count     INTEGER NOT NULL,
  transports     TEXT NOT NULL,
  label          TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  last_used_at   INTEGER
);
CREATE INDEX webauthn_credential_user ON webauthn_credential (user_id);

-- Pending ceremonies: a random 32-byte challenge per user and purpose (registration, login, step-up), deleted
-- when used or superseded, refused after expires_at.
CREATE TABLE webauthn_challenge (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES keep_user (id),
  purpose     TEXT NOT NULL,
  challenge   BLOB NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX webauthn_challenge_user ON webauthn_challenge (user_id, purpose);
