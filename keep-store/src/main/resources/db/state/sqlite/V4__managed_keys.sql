-- Managed keys: metadata only (material lives in the key store). status: active, archived or destroyed.
-- Rotation policy in days; 0 rotation_days means manual rotation only.
CREATE TABLE managed_key (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  project        TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  key_type       TEXT NOT NULL,
  status         TEXT NOT NULL,
  rotation_days  INTEGER NOT NULL,
  publish_days   INTEGER NOT NULL,
  overlap_days   INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);

-- One row per version; public_key is SPKI DER (or the hybrid encoding), NULL for symmetric keys.
CREATE TABLE managed_key_version (
  key_id             TEXT NOT NULL REFERENCES managed_key(id),
  version            INTEGER NOT NULL,
  state              TEXT NOT NULL,
  public_key         BLOB,
  public_key_id      TEXT,
  created_at         INTEGER NOT NULL,
  activated_at       INTEGER,
  overlap_until      INTEGER,
  retired_at         INTEGER,
  archived_at        INTEGER,
  destroyed_at       INTEGER,
  compromised_at     INTEGER,
  compromise_reason  TEXT,
  use_count          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, version)
);

-- Signatures this instance made, by SHA-256 of the signature: our trusted time of signing, so that a
-- signature claimed after a compromise time can be told from one made before it.
CREATE TABLE managed_key_signature (
  signature_hash  TEXT PRIMARY KEY,
  key_id          TEXT NOT NULL,
  version         INTEGER NOT NULL,
  signed_at       INTEGER NOT NULL
);
