-- The audit log's checkpoint signing keys (Ed25519 and ML-DSA-65), private halves wrapped by the root key.
CREATE TABLE audit_signing_key (
  kind             TEXT PRIMARY KEY,
  vkey             TEXT NOT NULL,
  public_key       BYTEA NOT NULL,
  wrapped_private  BYTEA NOT NULL,
  created_at       BIGINT NOT NULL
);

-- One key per data subject for personal fields in audit events; erasure sets wrapped_key to NULL.
-- lookup is an HMAC of the subject's name under the lookup key, so names are never stored here.
CREATE TABLE audit_subject (
  subject_id   TEXT PRIMARY KEY,
  lookup       TEXT NOT NULL UNIQUE,
  wrapped_key  BYTEA,
  created_at   BIGINT NOT NULL,
  erased_at    BIGINT
);

-- The HMAC key for subject lookups, wrapped by the root key; one row.
CREATE TABLE audit_lookup_key (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  wrapped_key  BYTEA NOT NULL
);
