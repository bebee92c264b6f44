-- Every signature this instance makes, kept in the order made per key version. The sign path appends here: a
-- table keyed by the signature's hash took each signature to a random page of its index, which cost the single
-- writer more than the audit event of the same request.
CREATE TABLE managed_key_signature_log (
  key_id          TEXT NOT NULL,
  version         INTEGER NOT NULL,
  signed_at       INTEGER NOT NULL,
  signature_hash  TEXT NOT NULL,
  PRIMARY KEY (key_id, version, signed_at, signature_hash)
) WITHOUT ROWID;

INSERT INTO managed_key_signature_log (key_id, version, signed_at, signature_hash)
  SELECT key_id, version, signed_at, signature_hash FROM managed_key_signature;

-- managed_key_signature now holds, by hash, only the signatures a compromised version made before its compromise
-- time: the revocation copies them from the log, and verification looks a signature up there.
DELETE FROM managed_key_signature WHERE NOT EXISTS (
  SELECT 1 FROM managed_key_version v
  WHERE v.key_id = managed_key_signature.key_id AND v.version = managed_key_signature.version
    AND v.compromised_at IS NOT NULL AND managed_key_signature.signed_at < v.compromised_at);
