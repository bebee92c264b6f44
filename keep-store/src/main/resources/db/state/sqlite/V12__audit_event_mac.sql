-- Only the server makes events: each carries an HMAC-SHA-256 of its entry under a key that exists only in the
-- unsealed server's memory. NULL for events written while sealed; the sequencer wraps those as unauthenticated.
ALTER TABLE audit_event ADD COLUMN mac BLOB;

-- Pending events the sequencer refused (a MAC that does not match, a leaf hash that is not the entry's): kept
-- as found, for the investigation, and never integrated or signed.
CREATE TABLE audit_event_rejected (
  seq          INTEGER PRIMARY KEY,
  event_id     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  entry        BLOB NOT NULL,
  mac          BLOB,
  reason       TEXT NOT NULL,
  rejected_at  INTEGER NOT NULL
);
