-- How busy the BBS was, hour by hour, for the sysop's status screen: counts only, never who.
-- `hour` is the hour's start in whole hours since 1970 (UTC). Rows older than 31 days are
-- pruned by the server.
CREATE TABLE activity_hours (
  hour            INTEGER PRIMARY KEY,
  log_ins         INTEGER NOT NULL DEFAULT 0,
  failed_log_ins  INTEGER NOT NULL DEFAULT 0,
  sign_ups        INTEGER NOT NULL DEFAULT 0,
  posts           INTEGER NOT NULL DEFAULT 0,
  mail            INTEGER NOT NULL DEFAULT 0,
  chat_lines      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
