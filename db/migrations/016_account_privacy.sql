-- Members' privacy: deleting an account (with a grace period), names kept from reuse for a
-- while after, and deleted words gone from the search index as well as from the posts.

-- A member who asked to delete their account: logging in before the grace period ends
-- restores it; after it, the purge removes what the account held. NULL: no request.
ALTER TABLE members ADD COLUMN deletion_requested_at INTEGER;
-- What the member chose for their posts: 1 keeps them under "former member", 0 removes them.
ALTER TABLE members ADD COLUMN deletion_keeps_posts INTEGER NOT NULL DEFAULT 0;
-- Set by the purge. The row stays, nameless, only so kept posts and moderation records still
-- point at someone ("former member"); it can never log in.
ALTER TABLE members ADD COLUMN purged_at INTEGER;

-- The names of deleted accounts, refused at sign-up until `until`, so nobody can take over an
-- identity others trusted. Only the lower-cased name is kept.
CREATE TABLE reserved_names (
  name_key TEXT PRIMARY KEY,
  until    INTEGER NOT NULL
) WITHOUT ROWID;

-- Deleting from the search index removes the words from its pages at once, instead of
-- recording a deletion beside them until segments merge (FTS5 'secure-delete', SQLite 3.42+).
INSERT INTO posts_fts (posts_fts, rank) VALUES ('secure-delete', 1);
-- Words deleted before this migration are merged out now.
INSERT INTO posts_fts (posts_fts) VALUES ('optimize');
