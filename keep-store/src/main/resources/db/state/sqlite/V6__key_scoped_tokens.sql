-- API tokens narrowed to keys (comma-separated key names; empty means no key narrowing), and the kind of token:
-- 'login' for the one 'keep login' keeps for a person at the command line, 'api' for tokens minted for machines.
ALTER TABLE api_token ADD COLUMN scope_keys TEXT NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN kind TEXT NOT NULL DEFAULT 'api';

-- A counter that every change to who may do what, or to a key's state, moves on, in the same transaction as the
-- change (by the triggers below, so no code path can forget it). Servers keep resolved callers and key metadata in
-- memory only while this counter stands still, so a revocation on any node takes effect at the next request.
CREATE TABLE state_generation (
  id     INTEGER PRIMARY KEY,
  value  INTEGER NOT NULL
);
INSERT INTO state_generation (id, value) VALUES (1, 0);

CREATE TRIGGER api_token_update AFTER UPDATE ON api_token
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER api_token_delete AFTER DELETE ON api_token
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER keep_user_update AFTER UPDATE ON keep_user
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER keep_user_delete AFTER DELETE ON keep_user
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER project_update AFTER UPDATE ON project
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER project_delete AFTER DELETE ON project
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER project_member_insert AFTER INSERT ON project_member
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER project_member_update AFTER UPDATE ON project_member
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER project_member_delete AFTER DELETE ON project_member
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER access_grant_insert AFTER INSERT ON access_grant
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER access_grant_update AFTER UPDATE ON access_grant
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER access_grant_delete AFTER DELETE ON access_grant
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER managed_key_update AFTER UPDATE ON managed_key
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER managed_key_delete AFTER DELETE ON managed_key
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER managed_key_version_insert AFTER INSERT ON managed_key_version
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
-- Not on use_count alone: every use counts there, and a use changes nothing a cache holds.
CREATE TRIGGER managed_key_version_update AFTER UPDATE OF key_id, version, state, public_key, public_key_id,
  activated_at, overlap_until, retired_at, archived_at, destroyed_at, compromised_at, compromise_reason
  ON managed_key_version
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER managed_key_version_delete AFTER DELETE ON managed_key_version
  BEGIN UPDATE state_generation SET value = value + 1 WHERE id = 1; END;
