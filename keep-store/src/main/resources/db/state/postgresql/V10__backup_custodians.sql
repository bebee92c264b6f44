-- Backup custodians: each enrols their own hybrid public key; it takes part in backups once two other people
-- who manage keys everywhere approved it.
CREATE TABLE backup_custodian (
  key_id       TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES keep_user (id),
  public_key   TEXT NOT NULL,
  enrolled_at  BIGINT NOT NULL,
  approvals    TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL
);
