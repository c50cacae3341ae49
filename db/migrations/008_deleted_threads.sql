-- A thread whose every post was deleted by its author is gone for readers: it leaves the
-- thread lists, the board's counts and the newscan, and takes no replies. Its rows stay, as
-- each deleted post's row does.
ALTER TABLE threads ADD COLUMN deleted_at INTEGER;

-- Threads already emptied before this migration leave now, with the same count corrections
-- Posts.remove makes (see read-state.ts for what the counters mean).
CREATE TEMP TABLE emptied AS
  SELECT t.id, t.board_id, t.post_count FROM threads t
  WHERE t.post_count > 0 AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.deleted_at IS NULL);

UPDATE board_reads SET
  baseline_count = baseline_count - (
    SELECT count(*) FROM posts p JOIN emptied e ON e.id = p.thread_id
    WHERE p.board_id = board_reads.board_id AND p.id <= board_reads.baseline_post_id),
  extra_read = extra_read - (
    SELECT count(*) FROM posts p JOIN emptied e ON e.id = p.thread_id
    JOIN thread_reads tr ON tr.thread_id = e.id AND tr.member_id = board_reads.member_id
    WHERE p.board_id = board_reads.board_id AND p.id > board_reads.baseline_post_id AND p.id <= tr.last_read_post_id);

UPDATE boards SET
  thread_count = thread_count - (SELECT count(*) FROM emptied e WHERE e.board_id = boards.id),
  post_count = post_count - (SELECT coalesce(sum(e.post_count), 0) FROM emptied e WHERE e.board_id = boards.id);

UPDATE threads SET deleted_at = last_post_at WHERE id IN (SELECT id FROM emptied);

DROP TABLE emptied;
