-- Blocks: a member's private list of members whose mail, posts and chat lines they do not want.
-- The blocked member is never told.
CREATE TABLE blocks (
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  blocked_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, blocked_id)
) WITHOUT ROWID;
CREATE INDEX blocks_blocked ON blocks(blocked_id);
