-- Destroying a whole key takes two people: the first asks, a second confirms. The request waits here, one per key.
CREATE TABLE managed_key_destruction (
  key_id        TEXT PRIMARY KEY REFERENCES managed_key (id),
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL
);

-- An owner closes old versions deliberately: versions below this one no longer decrypt (they still verify).
CREATE TABLE managed_key_decryption_floor (
  key_id        TEXT PRIMARY KEY REFERENCES managed_key (id),
  min_version   INTEGER NOT NULL
);
