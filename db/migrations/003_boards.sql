-- Boards, threads and posts, with read state shaped for a board of 100,000 threads and
-- 1,000,000 posts: every list a member opens is answered from an index range or a counter,
-- never by counting posts.

-- Counters kept in the same transaction as each post, so the board list never counts rows.
ALTER TABLE boards ADD COLUMN read_only    INTEGER NOT NULL DEFAULT 0; -- only sysops and the board's moderators post
ALTER TABLE boards ADD COLUMN members_only INTEGER NOT NULL DEFAULT 0; -- seen only by members a sysop admits
ALTER TABLE boards ADD COLUMN thread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN post_count   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN last_post_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN last_post_at INTEGER;

UPDATE boards SET read_only = 1 WHERE slug = 'announcements';

CREATE TABLE board_moderators (
  board_id  INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  PRIMARY KEY (board_id, member_id)
) WITHOUT ROWID;
CREATE INDEX board_moderators_member ON board_moderators(member_id);

-- Who may see a members-only board (besides sysops and its moderators).
CREATE TABLE board_members (
  board_id  INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  added_at  INTEGER NOT NULL,
  PRIMARY KEY (board_id, member_id)
) WITHOUT ROWID;
CREATE INDEX board_members_member ON board_members(member_id);

-- A thread's activity order is its last post's id: post ids only grow, so ordering by it is
-- ordering by "most recent post", and unlike a timestamp it is unique, which makes keyset
-- pagination a single-column range (last_post_id < ?) with no tie-breaker.
CREATE TABLE threads (
  id             INTEGER PRIMARY KEY,
  board_id       INTEGER NOT NULL REFERENCES boards(id),
  author_id      INTEGER NOT NULL REFERENCES members(id),
  created_at     INTEGER NOT NULL,
  first_post_id  INTEGER NOT NULL DEFAULT 0,
  last_post_id   INTEGER NOT NULL DEFAULT 0,
  last_post_at   INTEGER NOT NULL,
  last_author_id INTEGER NOT NULL,
  post_count     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_board_activity ON threads(board_id, last_post_id DESC);

-- The subject lives on a thread's first post (NULL on replies), so that one FTS5 table over
-- posts searches subjects and bodies alike, and an edit of the first post edits the subject.
CREATE TABLE posts (
  id              INTEGER PRIMARY KEY,
  thread_id       INTEGER NOT NULL REFERENCES threads(id),
  board_id        INTEGER NOT NULL REFERENCES boards(id),
  author_id       INTEGER NOT NULL REFERENCES members(id),
  subject         TEXT,
  content_warning TEXT,
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  edited_at       INTEGER,
  deleted_at      INTEGER,               -- deleted by its author: text gone, place kept
  support_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX posts_thread ON posts(thread_id, id);

-- One "support" (a virtual hug, "me too") per member per post; posts.support_count mirrors it.
CREATE TABLE post_support (
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, post_id)
) WITHOUT ROWID;
CREATE INDEX post_support_post ON post_support(post_id);

-- Read state, per member and per post, in two compact pieces (see read-state.ts for the proof):
-- * board_reads: every post of the board with id <= baseline_post_id is read (a catch-up, or
--   the moment the board was last fully read); baseline_count is how many posts that was, and
--   extra_read how many posts above the baseline the member has read since.
--   Unread in a board = boards.post_count - baseline_count - extra_read: O(1) per board.
-- * thread_reads: within a thread posts are read in order, so one high-water mark says which
--   are read: post p is read iff p.id <= max(baseline_post_id, last_read_post_id).
CREATE TABLE board_reads (
  member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  board_id         INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  baseline_post_id INTEGER NOT NULL DEFAULT 0,
  baseline_count   INTEGER NOT NULL DEFAULT 0,
  extra_read       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, board_id)
) WITHOUT ROWID;

CREATE TABLE thread_reads (
  member_id         INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  thread_id         INTEGER NOT NULL REFERENCES threads(id),
  last_read_post_id INTEGER NOT NULL,
  PRIMARY KEY (member_id, thread_id)
) WITHOUT ROWID;

-- Full-text search over subjects and bodies. External content: the text is stored once, in
-- posts; the triggers keep the index in step inside the writing transaction. Porter stemming
-- lets "plant" find "planting" with exact-term lookups, which FTS5 walks incrementally; prefix
-- queries ("plant*") would merge every matching doclist in full, tens of ms for common words.
CREATE VIRTUAL TABLE posts_fts USING fts5(
  subject, body,
  content = 'posts', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF subject, body ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
  INSERT INTO posts_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
