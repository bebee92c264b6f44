-- Instance facts written once at init (instance id, mode, creation time).
CREATE TABLE instance_meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- API tokens for machines and the CLI: only a SHA-256 of the secret is stored.
CREATE TABLE api_token (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  role        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  revoked_at  INTEGER
);
