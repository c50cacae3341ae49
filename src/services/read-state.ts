import type { Db } from '../../db/open.js';
import { skipIfBusy } from './database-busy.js';

/**
 * Which posts a member has read, per member and per post, in a form that answers
 * "how many unread in each board" in O(boards) however many posts there are.
 *
 * The model (a .newsrc in two layers):
 * - Within a thread, posts are read in order (the thread view opens at the first unread post
 *   and marks what scrolls into view), so a per-thread high-water mark `last_read_post_id`
 *   describes the read posts of that thread exactly.
 * - Per board, a baseline: every post with id <= `baseline_post_id` is read. It is set by a
 *   catch-up ("mark board read") and, automatically, whenever the board becomes fully read.
 *   A member who has never opened a board has baseline 0: everything is unread.
 *
 *   post p is read  <=>  p.id <= max(baseline(p.board), mark(p.thread))
 *
 * Counting: `baseline_count` is the number of posts in the board at or below the baseline, and
 * `extra_read` the number of posts above it that the thread marks cover. Every time a mark
 * advances from `old` to `new`, exactly the posts of that thread in (max(old, baseline), new]
 * become read; they are counted with the (thread_id, id) index and added to `extra_read` in the
 * same transaction. Marks only advance, threads are disjoint, and posts are never removed from
 * a board (an author's delete keeps the row), so
 *
 *   unread(board) = boards.post_count - baseline_count - extra_read
 *
 * is exact, and costs one primary-key lookup per board. When it reaches 0 the baseline moves to
 * the board's last post and `extra_read` starts again from 0, which keeps the newscan's walk
 * over "threads active since the baseline" short for members who read everything.
 *
 * A member's own post counts as read only when they had already read the thread up to it
 * (see `markOwnPost`): marking it read otherwise would also mark read the posts of others
 * that arrived while they were writing, which they have not seen.
 */
/**
 * Takes a thread's posts (@thread) out of every member's read counts of a board (@board):
 * those at or below their baseline, and those above it up to their mark in the thread. For a
 * thread that leaves the board, moved or deleted.
 */
export const UNREAD_THREAD_POSTS_SQL = `UPDATE board_reads SET
         baseline_count = baseline_count - (
           SELECT count(*) FROM posts p WHERE p.thread_id = @thread AND p.id <= board_reads.baseline_post_id),
         extra_read = extra_read - (
           SELECT count(*) FROM posts p JOIN thread_reads tr ON tr.thread_id = p.thread_id AND tr.member_id = board_reads.member_id
           WHERE p.thread_id = @thread AND p.id > board_reads.baseline_post_id AND p.id <= tr.last_read_post_id)
       WHERE board_id = @board`;

export class ReadState {
  private readonly boardRead;
  private readonly threadMark;
  private readonly threadRow;
  private readonly boardCounters;
  private readonly countRange;
  private readonly upsertMark;
  private readonly upsertBoardRead;
  private readonly firstPostAfter;

  constructor(private readonly db: Db) {
    this.boardRead = db.prepare<[number, number], { baseline_post_id: number; baseline_count: number; extra_read: number }>(
      'SELECT baseline_post_id, baseline_count, extra_read FROM board_reads WHERE member_id = ? AND board_id = ?',
    );
    this.threadMark = db.prepare<[number, number], { last_read_post_id: number }>(
      'SELECT last_read_post_id FROM thread_reads WHERE member_id = ? AND thread_id = ?',
    );
    this.threadRow = db.prepare<[number], { board_id: number; last_post_id: number }>('SELECT board_id, last_post_id FROM threads WHERE id = ?');
    this.boardCounters = db.prepare<[number], { post_count: number; last_post_id: number }>(
      'SELECT post_count, last_post_id FROM boards WHERE id = ?',
    );
    this.countRange = db.prepare<[number, number, number], { n: number }>(
      'SELECT count(*) AS n FROM posts WHERE thread_id = ? AND id > ? AND id <= ?',
    );
    this.upsertMark = db.prepare(
      `INSERT INTO thread_reads (member_id, thread_id, last_read_post_id) VALUES (?, ?, ?)
       ON CONFLICT (member_id, thread_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id`,
    );
    this.upsertBoardRead = db.prepare(
      `INSERT INTO board_reads (member_id, board_id, baseline_post_id, baseline_count, extra_read) VALUES (@m, @b, @id, @count, @extra)
       ON CONFLICT (member_id, board_id) DO UPDATE SET baseline_post_id = @id, baseline_count = @count, extra_read = @extra`,
    );
    // A thread whose every post was deleted holds nothing left to read.
    this.firstPostAfter = db.prepare<[number, number], { id: number }>(
      `SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
       WHERE p.thread_id = ? AND p.id > ? AND t.deleted_at IS NULL ORDER BY p.id LIMIT 1`,
    );
  }

  /** The id up to which every post of the board is read (0: none). */
  baseline(memberId: number, boardId: number): number {
    return this.boardRead.get(memberId, boardId)?.baseline_post_id ?? 0;
  }

  /** The id up to which every post of this thread is read (0: none). */
  readUpTo(memberId: number, threadId: number): number {
    const t = this.threadRow.get(threadId);
    if (!t) return 0;
    return this.effectiveMark(memberId, t.board_id, threadId);
  }

  /** The first post of the thread the member has not read, if any. */
  firstUnread(memberId: number, threadId: number): number | undefined {
    return this.firstPostAfter.get(threadId, this.readUpTo(memberId, threadId))?.id;
  }

  /**
   * Marks every post of the thread up to `postId` read; true when anything changed. While
   * another process holds the database nothing changes: the next look marks it.
   */
  markRead(memberId: number, threadId: number, postId: number): boolean {
    return skipIfBusy(() => this.db.transaction(() => this.advance(memberId, threadId, postId))(), false);
  }

  /**
   * After the member posted `postId` into a thread whose last post before it was
   * `previousLastId`: counts it read if they had read everything up to then.
   */
  markOwnPost(memberId: number, threadId: number, postId: number, previousLastId: number): void {
    const t = this.threadRow.get(threadId);
    if (!t) return;
    if (previousLastId === 0 || this.effectiveMark(memberId, t.board_id, threadId) >= previousLastId) {
      this.advance(memberId, threadId, postId);
    }
  }

  /** Catch-up: every post now in the board counts as read. */
  markBoardRead(memberId: number, boardId: number): void {
    this.db.transaction(() => {
      const b = this.boardCounters.get(boardId);
      if (b) this.upsertBoardRead.run({ m: memberId, b: boardId, id: b.last_post_id, count: b.post_count, extra: 0 });
    })();
  }

  private effectiveMark(memberId: number, boardId: number, threadId: number): number {
    const baseline = this.boardRead.get(memberId, boardId)?.baseline_post_id ?? 0;
    const mark = this.threadMark.get(memberId, threadId)?.last_read_post_id ?? 0;
    return Math.max(baseline, mark);
  }

  // Runs inside the caller's transaction.
  private advance(memberId: number, threadId: number, postId: number): boolean {
    const t = this.threadRow.get(threadId);
    if (!t) return false;
    const upTo = Math.min(postId, t.last_post_id);
    const br = this.boardRead.get(memberId, t.board_id) ?? { baseline_post_id: 0, baseline_count: 0, extra_read: 0 };
    const mark = this.threadMark.get(memberId, threadId)?.last_read_post_id ?? 0;
    const from = Math.max(br.baseline_post_id, mark);
    if (upTo <= from) return false;
    const newlyRead = this.countRange.get(threadId, from, upTo)!.n;
    this.upsertMark.run(memberId, threadId, upTo);
    const board = this.boardCounters.get(t.board_id)!;
    const extra = br.extra_read + newlyRead;
    if (board.post_count - br.baseline_count - extra <= 0) {
      this.upsertBoardRead.run({ m: memberId, b: t.board_id, id: board.last_post_id, count: board.post_count, extra: 0 });
    } else {
      this.upsertBoardRead.run({ m: memberId, b: t.board_id, id: br.baseline_post_id, count: br.baseline_count, extra });
    }
    return true;
  }
}
