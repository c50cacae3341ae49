-- Private mail between two members. Each side has its own view of a message: deleting it
-- sets that side's flag, and the row goes once both flags are set.
CREATE TABLE mail (
  id                INTEGER PRIMARY KEY,
  -- The first message of the conversation; replies share it. Not a foreign key: the first
  -- message may be gone from both views while its replies remain.
  thread_id         INTEGER NOT NULL,
  in_reply_to       INTEGER REFERENCES mail(id) ON DELETE SET NULL,
  sender_id         INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  recipient_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  subject           TEXT NOT NULL,
  body              TEXT NOT NULL,
  sent_at           INTEGER NOT NULL,
  read_at           INTEGER,                       -- when the recipient first read it; NULL = unread
  sender_deleted    INTEGER NOT NULL DEFAULT 0,
  recipient_deleted INTEGER NOT NULL DEFAULT 0,
  -- The recipient had blocked the sender when it was sent: it exists in the sender's Sent
  -- view only and is never shown to the recipient, not even after an unblock.
  suppressed        INTEGER NOT NULL DEFAULT 0,
  CHECK (sender_id <> recipient_id)
);
CREATE INDEX mail_inbox ON mail(recipient_id, recipient_deleted, sent_at);
CREATE INDEX mail_unread ON mail(recipient_id, read_at) WHERE recipient_deleted = 0 AND read_at IS NULL;
CREATE INDEX mail_sent ON mail(sender_id, sender_deleted, sent_at);
CREATE INDEX mail_thread ON mail(thread_id, sent_at);

-- When each member sent mail, without anything else: the daily send limit counts these, so a
-- sender cannot reset it by deleting what they sent. Rows older than a day are pruned.
CREATE TABLE mail_sends (
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  sent_at   INTEGER NOT NULL
);
CREATE INDEX mail_sends_member ON mail_sends(member_id, sent_at);

-- Reports to the sysop and moderators about mail, posts or chat lines. A report keeps its
-- own copy of the reported text and its author, so it still reads the same after the
-- original is edited or deleted, and no other text of the reporter's mailbox is ever needed.
CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('mail', 'post', 'chat')),
  target_id     INTEGER NOT NULL,                  -- the id in the kind's own table; not a foreign key (see above)
  reporter_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
  author_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
  author_name   TEXT NOT NULL,
  place         TEXT NOT NULL DEFAULT '',          -- where it was said: a board, a chat room; empty for mail
  copy_title    TEXT NOT NULL DEFAULT '',          -- the subject or post title, if the kind has one
  copy_text     TEXT NOT NULL,
  written_at    INTEGER NOT NULL,                  -- when the reported text was written
  reason        TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  handled_by    INTEGER REFERENCES members(id) ON DELETE SET NULL,
  handled_at    INTEGER
);
CREATE INDEX reports_status ON reports(status, created_at);
-- One report per member per item: reporting twice adds nothing but noise.
CREATE UNIQUE INDEX reports_once ON reports(reporter_id, kind, target_id);
