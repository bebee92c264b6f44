-- Importing outside key material (BYOK) takes two people: the request waits here, one per key name, with the
-- material already sealed under the root key in the key store (under key_id); a second person's approval makes
-- the key, with that id, from it. Requests older than seven days are void and removed.
CREATE TABLE managed_key_import (
  name           TEXT PRIMARY KEY,
  key_id         TEXT NOT NULL UNIQUE,
  project        TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  key_type       TEXT NOT NULL,
  public_key     BYTEA,
  public_key_id  TEXT,
  rotation_days  INTEGER NOT NULL,
  publish_days   INTEGER NOT NULL,
  overlap_days   INTEGER NOT NULL,
  requested_by   TEXT NOT NULL,
  requested_at   BIGINT NOT NULL
);
