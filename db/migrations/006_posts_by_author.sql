-- Mail's new-account rule asks how many posts a member has written: answer it from an index.
CREATE INDEX posts_author ON posts(author_id);
