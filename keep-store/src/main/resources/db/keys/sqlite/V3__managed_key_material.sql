-- Private material of managed key versions: sealed with AES-256-GCM under a per-version data key, the data key
-- wrapped by the root key. Destruction sets both to NULL and keeps the row as proof of when.
CREATE TABLE managed_key_material (
  key_id            TEXT NOT NULL,
  version           INTEGER NOT NULL,
  wrapped_data_key  BLOB,
  sealed_private    BLOB,
  created_at        INTEGER NOT NULL,
  destroyed_at      INTEGER,
  PRIMARY KEY (key_id, version)
);
