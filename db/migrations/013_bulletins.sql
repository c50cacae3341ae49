-- Bulletins: short notices from the sysop, shown to each member once after log-in and kept
-- in a list; which ones a member has seen.

CREATE TABLE bulletins (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL              -- the sysop's name then, or 'console'
);

CREATE TABLE bulletin_reads (
  member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  bulletin_id INTEGER NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
  seen_at     INTEGER NOT NULL,
  PRIMARY KEY (member_id, bulletin_id)
);
CREATE INDEX bulletin_reads_bulletin ON bulletin_reads(bulletin_id);
