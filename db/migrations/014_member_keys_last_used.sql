-- When each saved log-in key last let its member in, so a member can tell a key in use from
-- one left on an old laptop. NULL until the key is first used after this release.
ALTER TABLE member_keys ADD COLUMN last_used_at INTEGER;
