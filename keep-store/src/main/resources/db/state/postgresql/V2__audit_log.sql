-- Audit events in arrival order. leaf_index is set when the sequencer integrates the event into the Merkle tree;
-- entry is the canonical JSON (RFC 8785) leaf, which never contains personal data (only commitments to it).
CREATE TABLE audit_event (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    TEXT NOT NULL UNIQUE,
  leaf_index  BIGINT UNIQUE,
  created_at  BIGINT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  project     TEXT,
  outcome     TEXT NOT NULL,
  leaf_hash   BYTEA NOT NULL,
  entry       BYTEA NOT NULL
);
CREATE INDEX audit_event_pending ON audit_event (seq) WHERE leaf_index IS NULL;
CREATE INDEX audit_event_actor ON audit_event (actor, created_at);
CREATE INDEX audit_event_action ON audit_event (action, created_at);
CREATE INDEX audit_event_project ON audit_event (project, created_at);
CREATE INDEX audit_event_time ON audit_event (created_at);
CREATE INDEX audit_event_leaf_hash ON audit_event (leaf_hash);

-- Every stored Merkle tree hash by its stored index (RFC 9162 tree, sumdb-style numbering); append-only.
CREATE TABLE audit_hash (
  idx   BIGINT PRIMARY KEY,
  hash  BYTEA NOT NULL
);

-- Signed checkpoints (C2SP tlog-checkpoint in a signed note), one per integrated batch.
CREATE TABLE audit_checkpoint (
  tree_size   BIGINT PRIMARY KEY,
  root        BYTEA NOT NULL,
  note        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);

-- The log's public verifier keys (C2SP vkeys), so verification needs nothing from the key store.
CREATE TABLE audit_log_key (
  kind        TEXT PRIMARY KEY,
  vkey        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);

-- Witnesses whose cosignatures count, and the cosignatures imported from removable media.
CREATE TABLE audit_witness (
  name        TEXT NOT NULL,
  key_id      TEXT NOT NULL,
  vkey        TEXT NOT NULL,
  added_at    BIGINT NOT NULL,
  PRIMARY KEY (name, key_id)
);
CREATE TABLE audit_cosignature (
  tree_size   BIGINT NOT NULL,
  witness     TEXT NOT NULL,
  note        TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (tree_size, witness)
);

-- Personal fields, outside the leaf: salt and value sealed under the subject's key (in the key store).
-- Erasure destroys that key and deletes these rows; the leaf keeps only the salted commitment.
CREATE TABLE audit_personal (
  event_id    TEXT NOT NULL,
  field       TEXT NOT NULL,
  subject_id  TEXT NOT NULL,
  sealed      BYTEA NOT NULL,
  PRIMARY KEY (event_id, field)
);
CREATE INDEX audit_personal_subject ON audit_personal (subject_id);
