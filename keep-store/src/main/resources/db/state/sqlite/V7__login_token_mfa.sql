-- When the person behind a 'keep login' token last passed a second factor (at login or 'keep step-up'), so that
-- sensitive actions from the command line need the same fresh MFA check as browser sessions.
ALTER TABLE api_token ADD COLUMN mfa_at INTEGER;
