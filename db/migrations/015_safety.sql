-- Members' safety: versioned guidelines and disclaimer, muted words and boards, breaks.

-- Every version of a versioned text (guidelines, disclaimer) Haven has shown, so a member who
-- accepted an older one can be shown what changed. The version is a hash of the text.
CREATE TABLE text_versions (
  name          TEXT NOT NULL,
  version       TEXT NOT NULL,
  text          TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (name, version)
);

-- The version of each text a member last accepted, and when. A member with no row here
-- accepted the version current when they accepted the guidelines (members.guidelines_accepted_at).
CREATE TABLE text_acceptances (
  member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  version     TEXT NOT NULL,
  accepted_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, name)
);

-- Words a member chose not to see: posts containing one fold, as behind a content warning.
CREATE TABLE muted_words (
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  word       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, word)
);

-- Boards a member chose to leave out of New posts.
CREATE TABLE muted_boards (
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  board_id   INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, board_id)
);

-- A break a member chose: until ends_at, log-in reminds them of it and asks once more.
CREATE TABLE member_breaks (
  member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL
);
