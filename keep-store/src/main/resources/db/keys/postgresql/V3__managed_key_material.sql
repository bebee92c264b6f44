-- Private material of managed key versions: sealed with AES-256-GCM under a per-version data key, the data key
-- wrapped by the root key. Destruction sets both to NULL and keeps the row as proof of when.
CREATE TABLE managed_key_material (
  key_id            TEXT NOT NULL,
  version           INTEGER NOT NULL,
  wrapped_data_key  BYTEA,
  sealed_private    BYTEA,
  created_at        BIGINT NOT NULL,
  destroyed_at      BIGINT,
  PRIMARY KEY (key_id, version)
);
