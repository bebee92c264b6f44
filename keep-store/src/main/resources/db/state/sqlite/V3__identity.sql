-- People who sign in. role is the user's base role (admin, security-team, auditor, reporter, developer, ...);
-- project roles come from project_member. password_hash is a self-describing Argon2id PHC string.
-- Flags are integers (0/1) so the same SQL and row types work on SQLite and PostgreSQL.
CREATE TABLE keep_user (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL UNIQUE,
  role                  TEXT NOT NULL,
  password_hash         TEXT NOT NULL,
  must_change_password  INTEGER NOT NULL,
  disabled              INTEGER NOT NULL,
  failed_logins         INTEGER NOT NULL,
  last_failed_at        INTEGER,
  totp_secret           BLOB,
  totp_confirmed        INTEGER NOT NULL,
  totp_last_step        INTEGER NOT NULL,
  created_at            INTEGER NOT NULL
);

-- One-time MFA recovery codes: only salted hashes; a used code's row is deleted.
CREATE TABLE recovery_code (
  user_id    TEXT NOT NULL REFERENCES keep_user (id),
  code_hash  TEXT NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);

-- The organisation's projects and services.
CREATE TABLE project (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);

-- Standing project roles (owners, members); time-bound grants from access requests live apart.
CREATE TABLE project_member (
  project_id  TEXT NOT NULL REFERENCES project (id),
  user_id     TEXT NOT NULL REFERENCES keep_user (id),
  role        TEXT NOT NULL,
  added_at    INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id, role)
);
CREATE INDEX project_member_user ON project_member (user_id);

-- Browser sessions: only a SHA-256 of the 256-bit cookie value is stored.
CREATE TABLE keep_session (
  id_hash       TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES keep_user (id),
  csrf_token    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  mfa_at        INTEGER,
  ended_at      INTEGER
);
CREATE INDEX keep_session_user ON keep_session (user_id);

-- Tokens owned by a user, limited to projects and permissions (comma-separated; empty means no limit).
ALTER TABLE api_token ADD COLUMN user_id TEXT REFERENCES keep_user (id);
ALTER TABLE api_token ADD COLUMN scope_projects TEXT NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN scope_permissions TEXT NOT NULL DEFAULT '';

-- Need-to-know access requests: both approvals (project owner AND security team) are recorded on the row.
CREATE TABLE access_request (
  id                 TEXT PRIMARY KEY,
  requester          TEXT NOT NULL,
  project_id         TEXT NOT NULL REFERENCES project (id),
  role               TEXT NOT NULL,
  reason             TEXT NOT NULL,
  duration_ms        INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  expires_at         INTEGER NOT NULL,
  status             TEXT NOT NULL,
  owner_approver     TEXT,
  owner_at           INTEGER,
  security_approver  TEXT,
  security_at        INTEGER,
  denied_by          TEXT,
  denied_reason      TEXT,
  denied_at          INTEGER
);
CREATE INDEX access_request_project ON access_request (project_id, status);

-- Time-bound grants from approved requests (same id as the request); until_at moves earlier on revocation.
CREATE TABLE access_grant (
  id                    TEXT PRIMARY KEY REFERENCES access_request (id),
  user_id               TEXT NOT NULL,
  project_id            TEXT NOT NULL REFERENCES project (id),
  role                  TEXT NOT NULL,
  from_at               INTEGER NOT NULL,
  until_at              INTEGER NOT NULL,
  approved_by_owner     TEXT NOT NULL,
  approved_by_security  TEXT NOT NULL,
  last_reviewed_at      INTEGER NOT NULL
);
CREATE INDEX access_grant_user ON access_grant (user_id, until_at);

-- Access review rounds and the grants put to each; a grant nobody re-certified by the deadline is revoked.
CREATE TABLE access_review (
  id          TEXT PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  deadline    INTEGER NOT NULL
);
CREATE TABLE access_review_item (
  review_id   TEXT NOT NULL REFERENCES access_review (id),
  grant_id    TEXT NOT NULL REFERENCES access_grant (id),
  holder      TEXT NOT NULL,
  project_id  TEXT NOT NULL,
  role        TEXT NOT NULL,
  decided_by  TEXT,
  outcome     TEXT,
  decided_at  INTEGER,
  PRIMARY KEY (review_id, grant_id)
);
