-- What a member was writing when their session ended before they sent it (the server
-- restarting, a dropped connection, the idle timeout): offered back at their next log-in.
-- Private to the member: never shown to staff, removed with the account.
CREATE TABLE drafts (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES members(id),
  -- Where it was going: 'thread' (a new thread on board_id), 'reply' (to thread_id) or
  -- 'mail' (to mail_to, a name as typed).
  kind            TEXT NOT NULL CHECK (kind IN ('thread', 'reply', 'mail')),
  board_id        INTEGER,
  thread_id       INTEGER,
  mail_to         TEXT,
  subject         TEXT NOT NULL DEFAULT '',
  content_warning TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL,
  saved_at        INTEGER NOT NULL
);
CREATE INDEX drafts_member ON drafts(member_id);
