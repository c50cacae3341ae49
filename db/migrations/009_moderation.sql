-- Moderation: staff actions on posts, threads, members and chat, watched words, slow mode,
-- reports on every surface, and the audit log that records each action.

-- The audit log: one row per staff action, from the BBS or the console. Append-only: the
-- triggers below refuse any change or deletion, whoever asks. Names are copied, not joined,
-- so an entry reads the same after an account is renamed or gone.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  origin       TEXT NOT NULL CHECK (origin IN ('bbs', 'console')),
  actor_id     INTEGER,                          -- NULL for the console
  actor_name   TEXT NOT NULL,                    -- the staff member's name then, or 'console'
  action       TEXT NOT NULL,                    -- e.g. 'post.hide', 'member.suspend' (see audit.ts)
  target_kind  TEXT NOT NULL DEFAULT '',         -- 'post', 'thread', 'member', 'board', 'room', 'report', 'word', ''
  target_id    INTEGER,
  target_label TEXT NOT NULL DEFAULT '',         -- what a person reads: a member's name, a subject
  member_id    INTEGER,                          -- the member the action was about, if any
  board_id     INTEGER,                          -- the board it concerned: moderators see their boards' entries
  reason       TEXT NOT NULL DEFAULT '',
  before_text  TEXT,                             -- an edit's text before it
  detail       TEXT NOT NULL DEFAULT '{}'        -- JSON: the action's parameters (until, to board, ...)
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_name COLLATE NOCASE, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;

-- Sanctions on a member: a warning they must acknowledge, a chat mute (in one room or all),
-- a suspension until a date, a ban with no end. A lifted sanction keeps its row.
CREATE TABLE sanctions (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('warn', 'mute', 'suspend', 'ban')),
  reason          TEXT NOT NULL,
  board_id        INTEGER REFERENCES boards(id) ON DELETE SET NULL,      -- the board a moderator acted for
  room_id         INTEGER REFERENCES chat_rooms(id) ON DELETE CASCADE,   -- a mute's room; NULL = every room
  created_at      INTEGER NOT NULL,
  ends_at         INTEGER,                                               -- NULL: no end (a ban; a warning)
  by_id           INTEGER REFERENCES members(id) ON DELETE SET NULL,
  by_name         TEXT NOT NULL,
  acknowledged_at INTEGER,                                               -- a warning read by its member
  lifted_at       INTEGER,
  lifted_by_name  TEXT
);
CREATE INDEX sanctions_member ON sanctions(member_id, created_at);

-- A post hidden by a moderator (or by reports, pending review) keeps its text for its author
-- and for staff; other readers see who removed it and why.
ALTER TABLE posts ADD COLUMN hidden_at INTEGER;
ALTER TABLE posts ADD COLUMN hidden_reason TEXT;
ALTER TABLE posts ADD COLUMN hidden_by TEXT;                  -- 'moderator' or 'reports'

ALTER TABLE threads ADD COLUMN locked_at INTEGER;             -- takes no replies
ALTER TABLE threads ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;   -- listed first in its board

ALTER TABLE boards ADD COLUMN archived_at INTEGER;            -- gone from the lists, kept for the record
ALTER TABLE boards ADD COLUMN slow_mode_minutes INTEGER NOT NULL DEFAULT 0;  -- one post per N minutes per member
ALTER TABLE chat_rooms ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0; -- one line per N seconds per member

-- A password set by the sysop (reset) must be replaced at the next log-in.
ALTER TABLE members ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- Reports on every surface: a reason from a short list, where it happened (for moderators'
-- scope), the lines around a chat line, and how the report ended.
ALTER TABLE reports ADD COLUMN category TEXT NOT NULL DEFAULT 'other'
  CHECK (category IN ('harmful', 'harassment', 'spam', 'at-risk', 'other'));
ALTER TABLE reports ADD COLUMN board_id INTEGER REFERENCES boards(id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN room_id INTEGER REFERENCES chat_rooms(id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN context TEXT NOT NULL DEFAULT '';   -- the chat lines before a reported line
ALTER TABLE reports ADD COLUMN weight REAL NOT NULL DEFAULT 1;     -- a new account's report counts less toward auto-hide
ALTER TABLE reports ADD COLUMN outcome TEXT CHECK (outcome IN ('acted', 'dismissed'));
UPDATE reports SET outcome = 'acted' WHERE status = 'closed';
CREATE INDEX reports_target ON reports(kind, target_id);

-- Watched words, site-wide (board_id NULL) or for one board, each with what happens to a post
-- or chat line that contains one: hold it for approval, block it, or publish and flag it.
CREATE TABLE watched_words (
  id         INTEGER PRIMARY KEY,
  pattern    TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('hold', 'block', 'flag')),
  board_id   INTEGER REFERENCES boards(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX watched_words_once ON watched_words(pattern COLLATE NOCASE, coalesce(board_id, 0));

-- Posts held by a watched word: not published (so no counts or read state move) until staff
-- approve one, which posts it then; a rejected one stays here, with the reason, for its author.
CREATE TABLE held_posts (
  id              INTEGER PRIMARY KEY,
  board_id        INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  thread_id       INTEGER REFERENCES threads(id),            -- a reply's thread; NULL for a new thread
  author_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  subject         TEXT,
  content_warning TEXT,
  body            TEXT NOT NULL,
  matched         TEXT NOT NULL,                             -- the watched pattern that held it
  created_at      INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'approved', 'rejected')),
  decided_at      INTEGER,
  decided_by      TEXT,
  reason          TEXT,
  post_id         INTEGER                                    -- the published post, once approved
);
CREATE INDEX held_posts_status ON held_posts(status, created_at);

-- Who is online, as the running server last wrote it (at most every two seconds), for the
-- console, which runs in another process. Emptied when the server starts and stops.
CREATE TABLE online_now (
  session_id INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL,
  name       TEXT NOT NULL,
  place      TEXT NOT NULL,
  since      INTEGER NOT NULL,
  invisible  INTEGER NOT NULL DEFAULT 0
);

-- A notice from the sysop on every connected member's status line until they dismiss it.
CREATE TABLE broadcasts (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  by_name    TEXT NOT NULL
);
