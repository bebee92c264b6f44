-- How the root key-encryption key is sealed; one row. key_check is an AEAD ciphertext under the root key,
-- so a reconstructed key can be proven right without storing anything derived from it in clear.
CREATE TABLE seal_config (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  kind        TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  shares      INTEGER NOT NULL,
  threshold   INTEGER NOT NULL,
  key_check   BYTEA NOT NULL,
  created_at  BIGINT NOT NULL
);
