-- Live chat: rooms open around the clock, their recent lines, weekly facilitated meetings,
-- and the member preferences that go with being online (invisible, pages).

CREATE TABLE chat_rooms (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,                        -- lower-cased name, for /join
  topic       TEXT NOT NULL DEFAULT '',
  board_id    INTEGER REFERENCES boards(id) ON DELETE SET NULL,   -- the support group it belongs to, if any
  permanent   INTEGER NOT NULL DEFAULT 0,            -- the Lobby: can be renamed, never closed
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  closed_at   INTEGER
);
-- A closed room's name may be used again.
CREATE UNIQUE INDEX chat_rooms_open_name ON chat_rooms(name_key) WHERE closed_at IS NULL;

INSERT INTO chat_rooms (name, name_key, topic, permanent, position, created_at)
VALUES ('Lobby', 'lobby', 'Open 24 hours: whoever is awake', 1, 0, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

-- Chat is meant to be ephemeral: lines older than the sysop's retention (default 7 days) are deleted.
CREATE TABLE chat_lines (
  id            INTEGER PRIMARY KEY,
  room_id       INTEGER NOT NULL REFERENCES chat_rooms(id) ON DELETE CASCADE,
  member_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,   -- NULL for the room's own notices
  author_name   TEXT NOT NULL,                       -- the name as it was when written
  kind          TEXT NOT NULL CHECK (kind IN ('say', 'me', 'whisper', 'system')),
  body          TEXT NOT NULL,
  to_member_id  INTEGER REFERENCES members(id) ON DELETE CASCADE,    -- a whisper's one reader
  to_name       TEXT,
  created_at    INTEGER NOT NULL
);
CREATE INDEX chat_lines_room ON chat_lines(room_id, id);
CREATE INDEX chat_lines_created ON chat_lines(created_at);

-- A room's weekly meeting: day and time in the facilitator's zone, so it stays put across DST.
CREATE TABLE chat_meetings (
  room_id         INTEGER PRIMARY KEY REFERENCES chat_rooms(id) ON DELETE CASCADE,
  weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),    -- 0 = Sunday
  start_time      TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  time_zone       TEXT NOT NULL,
  minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
  facilitator_id  INTEGER REFERENCES members(id) ON DELETE SET NULL,
  opening         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE member_prefs (
  member_id    INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  invisible    INTEGER NOT NULL DEFAULT 0,          -- hidden from Who's online
  allow_pages  INTEGER NOT NULL DEFAULT 1
);
