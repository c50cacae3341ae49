-- Members: anonymous by design. No e-mail, no real name, no address is ever stored.
CREATE TABLE members (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  name_key        TEXT NOT NULL UNIQUE,          -- lower-cased name: "Alice" and "alice" are one member
  password_hash   TEXT NOT NULL,
  role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'sysop')),
  created_at      INTEGER NOT NULL,
  last_login_at   INTEGER,
  guidelines_accepted_at INTEGER NOT NULL,
  time_zone       TEXT NOT NULL DEFAULT 'UTC',
  monochrome      INTEGER NOT NULL DEFAULT 0,
  disabled        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE member_keys (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  algo        TEXT NOT NULL,
  key_blob    BLOB NOT NULL,                      -- the public key in SSH wire format
  fingerprint TEXT NOT NULL,
  added_at    INTEGER NOT NULL,
  UNIQUE (algo, key_blob)
);
CREATE INDEX member_keys_member ON member_keys(member_id);

-- Key/value settings a sysop may change while the server runs.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE boards (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
