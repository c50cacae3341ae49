-- Members created at the console have not read the guidelines: they accept them at their
-- first log-in, before the main menu. While guidelines_pending is 1, guidelines_accepted_at
-- holds the creation time and means nothing.
ALTER TABLE members ADD COLUMN guidelines_pending INTEGER NOT NULL DEFAULT 0;

-- Sign-up logs the new member in at once, so a member who never logged in was made at the
-- console and never saw the guidelines.
UPDATE members SET guidelines_pending = 1 WHERE last_login_at IS NULL;
