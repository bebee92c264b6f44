-- The newest checkpoint this instance signed, kept outside the state database (and in a file in the data
-- directory): a state database rolled back or forked below it is refused at start and before every signature.
CREATE TABLE audit_head (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size   INTEGER NOT NULL,
  root        BLOB NOT NULL,
  note        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
