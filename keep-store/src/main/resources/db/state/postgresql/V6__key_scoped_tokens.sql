-- API tokens narrowed to keys (comma-separated key names; empty means no key narrowing), and the kind of token:
-- 'login' for the one 'keep login' keeps for a person at the command line, 'api' for tokens minted for machines.
ALTER TABLE api_token ADD COLUMN scope_keys TEXT NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN kind TEXT NOT NULL DEFAULT 'api';

-- A counter that every change to who may do what, or to a key's state, moves on, in the same transaction as the
-- change (by the triggers below, so no code path can forget it). Servers keep resolved callers and key metadata in
-- memory only while this counter stands still, so a revocation on any node takes effect at the next request.
CREATE TABLE state_generation (
  id     INTEGER PRIMARY KEY,
  value  BIGINT NOT NULL
);
INSERT INTO state_generation (id, value) VALUES (1, 0);

CREATE FUNCTION state_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE state_generation SET value = value + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_changed AFTER UPDATE OR DELETE ON api_token
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER keep_user_changed AFTER UPDATE OR DELETE ON keep_user
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER project_changed AFTER UPDATE OR DELETE ON project
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER project_member_changed AFTER INSERT OR UPDATE OR DELETE ON project_member
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER access_grant_changed AFTER INSERT OR UPDATE OR DELETE ON access_grant
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER managed_key_changed AFTER UPDATE OR DELETE ON managed_key
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
-- Not on use_count alone: every use counts there, and a use changes nothing a cache holds.
CREATE TRIGGER managed_key_version_inserted AFTER INSERT OR DELETE ON managed_key_version
  FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
CREATE TRIGGER managed_key_version_changed AFTER UPDATE OF key_id, version, state, public_key, public_key_id,
  activated_at, overlap_until, retired_at, archived_at, destroyed_at, compromised_at, compromise_reason
  ON managed_key_version FOR EACH STATEMENT EXECUTE FUNCTION state_generation_bump();
