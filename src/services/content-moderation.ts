import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine } from '../text/index.js';
import type { AuditEntry, AuditLog } from './audit.js';
import { cleanSubject } from './posts.js';
import { UNREAD_THREAD_POSTS_SQL } from './read-state.js';
import type { Actor, Staff } from './staff.js';

export const MODERATION_REASON_MAX = 300;

interface PostFacts {
  id: number;
  thread_id: number;
  board_id: number;
  board_name: string;
  author_id: number;
  author_name: string;
  subject: string | null;
  first_post_id: number;
  thread_subject: string | null;
  hidden_at: number | null;
  deleted_at: number | null;
}

interface ThreadFacts {
  id: number;
  board_id: number;
  board_name: string;
  author_id: number;
  subject: string | null;
  locked_at: number | null;
  pinned: number;
  deleted_at: number | null;
  post_count: number;
  last_post_id: number;
  last_post_at: number;
  first_post_id: number;
}

function requireReason(reason: string | undefined, what: string): string {
  const clean = cleanLine(reason ?? '', MODERATION_REASON_MAX);
  if (!clean) throw new UserError(`Please give a reason for ${what}: the member and the audit log will read it.`);
  return clean;
}

/**
 * What staff do to content: hide and restore posts, lock, pin and move threads, edit a
 * subject. Each is one call, used alike by the BBS screens and the console, checked against
 * the actor's role here, and recorded in the audit log in the same transaction.
 */
export class ContentModeration {
  private readonly postFacts;
  private readonly threadFacts;
  private readonly boardName;
  private readonly setHidden;
  private readonly clearHidden;
  private readonly setLocked;
  private readonly setPinned;
  private readonly setSubject;
  private readonly unreadThreadPosts;
  private readonly readThreadPosts;
  private readonly readersJoin;
  private readonly boardLost;
  private readonly boardGained;
  private readonly movePosts;
  private readonly moveThreadRow;
  private readonly moveReports;
  private readonly moveHeld;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {
    this.postFacts = db.prepare<[number], PostFacts>(
      `SELECT p.id, p.thread_id, p.board_id, b.name AS board_name, p.author_id, m.name AS author_name, p.subject,
         t.first_post_id, fp.subject AS thread_subject, p.hidden_at, p.deleted_at
       FROM posts p JOIN threads t ON t.id = p.thread_id JOIN posts fp ON fp.id = t.first_post_id JOIN boards b ON b.id = p.board_id JOIN members m ON m.id = p.author_id
       WHERE p.id = ?`,
    );
    this.threadFacts = db.prepare<[number], ThreadFacts>(
      `SELECT t.id, t.board_id, b.name AS board_name, t.author_id, fp.subject, t.locked_at, t.pinned, t.deleted_at,
         t.post_count, t.last_post_id, t.last_post_at, t.first_post_id
       FROM threads t JOIN boards b ON b.id = t.board_id JOIN posts fp ON fp.id = t.first_post_id WHERE t.id = ?`,
    );
    this.boardName = db.prepare<[number], { name: string; archived_at: number | null; members_only: number }>(
      'SELECT name, archived_at, members_only FROM boards WHERE id = ?',
    );
    this.setHidden = db.prepare("UPDATE posts SET hidden_at = ?, hidden_reason = ?, hidden_by = 'moderator' WHERE id = ?");
    this.clearHidden = db.prepare('UPDATE posts SET hidden_at = NULL, hidden_reason = NULL, hidden_by = NULL WHERE id = ?');
    this.setLocked = db.prepare('UPDATE threads SET locked_at = ? WHERE id = ?');
    this.setPinned = db.prepare('UPDATE threads SET pinned = ? WHERE id = ?');
    this.setSubject = db.prepare('UPDATE posts SET subject = ? WHERE id = ?');
    // A moved thread's posts leave each member's read counts of the old board and join those
    // of the new one (read state: see read-state.ts), so unread counts stay exact on both.
    this.unreadThreadPosts = db.prepare(UNREAD_THREAD_POSTS_SQL);
    this.readThreadPosts = db.prepare(
      `UPDATE board_reads SET
         baseline_count = baseline_count + (
           SELECT count(*) FROM posts p WHERE p.thread_id = @thread AND p.id <= board_reads.baseline_post_id),
         extra_read = extra_read + (
           SELECT count(*) FROM posts p JOIN thread_reads tr ON tr.thread_id = p.thread_id AND tr.member_id = board_reads.member_id
           WHERE p.thread_id = @thread AND p.id > board_reads.baseline_post_id AND p.id <= tr.last_read_post_id)
       WHERE board_id = @board`,
    );
    // A member who read some of the thread but never opened the new board needs a row there
    // for those reads to count.
    this.readersJoin = db.prepare(
      `INSERT OR IGNORE INTO board_reads (member_id, board_id, baseline_post_id, baseline_count, extra_read)
       SELECT member_id, @board, 0, 0, 0 FROM thread_reads WHERE thread_id = @thread`,
    );
    this.boardLost = db.prepare('UPDATE boards SET thread_count = thread_count - 1, post_count = post_count - @posts WHERE id = @board');
    this.boardGained = db.prepare(
      `UPDATE boards SET thread_count = thread_count + 1, post_count = post_count + @posts,
         last_post_id = max(last_post_id, @lastId),
         last_post_at = CASE WHEN last_post_at IS NULL OR last_post_at < @lastAt THEN @lastAt ELSE last_post_at END
       WHERE id = @board`,
    );
    this.movePosts = db.prepare('UPDATE posts SET board_id = ? WHERE thread_id = ?');
    this.moveThreadRow = db.prepare('UPDATE threads SET board_id = ? WHERE id = ?');
    this.moveReports = db.prepare(
      "UPDATE reports SET board_id = @to WHERE kind = 'post' AND target_id IN (SELECT id FROM posts WHERE thread_id = @thread)",
    );
    this.moveHeld = db.prepare('UPDATE held_posts SET board_id = ? WHERE thread_id = ?');
  }

  /**
   * Hides a post from readers: they see that a moderator removed it and why; its author still
   * sees their words with the reason, staff see everything. The row and its place stay.
   */
  hidePost(actor: Actor, postId: number, reason: string): void {
    const post = this.post(postId);
    this.staff.requireBoard(actor, post.board_id, 'hide posts');
    const why = requireReason(reason, 'hiding a post');
    if (post.deleted_at !== null) throw new UserError('That post was already deleted by its author.');
    this.db.transaction(() => {
      this.setHidden.run(this.now(), why, postId);
      this.audit.record(actor, {
        action: 'post.hide', targetKind: 'post', targetId: postId, targetLabel: this.label(post),
        memberId: post.author_id, boardId: post.board_id, reason: why,
        detail: { wasHidden: post.hidden_at !== null },
      });
    })();
    this.changed(post);
  }

  /** Shows a hidden post again (one hidden by a moderator or, pending review, by reports). */
  restorePost(actor: Actor, postId: number, reason = ''): void {
    const post = this.post(postId);
    this.staff.requireBoard(actor, post.board_id, 'restore posts');
    if (post.hidden_at === null) throw new UserError('That post is not hidden.');
    this.db.transaction(() => {
      this.clearHidden.run(postId);
      this.audit.record(actor, {
        action: 'post.restore', targetKind: 'post', targetId: postId, targetLabel: this.label(post),
        memberId: post.author_id, boardId: post.board_id, reason: cleanLine(reason, MODERATION_REASON_MAX),
      });
    })();
    this.changed(post);
  }

  /** A locked thread takes no replies except from staff; readers are told it is locked. */
  setThreadLocked(actor: Actor, threadId: number, locked: boolean, reason = ''): void {
    const t = this.thread(threadId);
    this.staff.requireBoard(actor, t.board_id, locked ? 'lock threads' : 'unlock threads');
    if ((t.locked_at !== null) === locked) throw new UserError(locked ? 'That thread is already locked.' : 'That thread is not locked.');
    this.db.transaction(() => {
      this.setLocked.run(locked ? this.now() : null, threadId);
      this.audit.record(actor, {
        action: locked ? 'thread.lock' : 'thread.unlock', targetKind: 'thread', targetId: threadId,
        targetLabel: t.subject ?? '', memberId: t.author_id, boardId: t.board_id, reason: cleanLine(reason, MODERATION_REASON_MAX),
      });
    })();
    this.hub.emit('post:changed', { boardId: t.board_id, threadId, postId: 0 });
  }

  /** A pinned thread is listed first in its board, above newer activity. */
  setThreadPinned(actor: Actor, threadId: number, pinned: boolean): void {
    const t = this.thread(threadId);
    this.staff.requireBoard(actor, t.board_id, pinned ? 'pin threads' : 'unpin threads');
    if ((t.pinned === 1) === pinned) throw new UserError(pinned ? 'That thread is already pinned.' : 'That thread is not pinned.');
    this.db.transaction(() => {
      this.setPinned.run(pinned ? 1 : 0, threadId);
      this.audit.record(actor, {
        action: pinned ? 'thread.pin' : 'thread.unpin', targetKind: 'thread', targetId: threadId,
        targetLabel: t.subject ?? '', memberId: t.author_id, boardId: t.board_id,
      });
    })();
    this.hub.emit('boards:changed', { boardId: t.board_id });
  }

  /**
   * Moves a thread, with all its posts, to another board. Staff of the thread's board may move
   * it to any board that is not archived; read state moves with it, so nobody's unread counts
   * go wrong on either board.
   */
  moveThread(actor: Actor, threadId: number, toBoardId: number, reason = ''): void {
    const t = this.thread(threadId);
    this.staff.requireBoard(actor, t.board_id, 'move threads');
    const to = this.boardName.get(toBoardId);
    if (!to || to.archived_at !== null) throw new UserError('There is no such board to move the thread to.');
    if (toBoardId === t.board_id) throw new UserError(`That thread is already in ${t.board_name}.`);
    // A members-only board's posts are for its members: moving a thread into or out of one
    // changes who may read it, so a moderator must moderate the board it goes to as well.
    if (to.members_only === 1 || this.boardName.get(t.board_id)?.members_only === 1) {
      this.staff.requireBoard(actor, toBoardId, 'move a thread into or out of a members-only board');
    }
    if (t.deleted_at !== null) throw new UserError('Every post of that thread was deleted; there is nothing to move.');
    this.db.transaction(() => {
      this.unreadThreadPosts.run({ thread: threadId, board: t.board_id });
      this.boardLost.run({ posts: t.post_count, board: t.board_id });
      this.movePosts.run(toBoardId, threadId);
      this.moveThreadRow.run(toBoardId, threadId);
      // Its open reports and held replies go to the staff of the board it is now in.
      this.moveReports.run({ to: toBoardId, thread: threadId });
      this.moveHeld.run(toBoardId, threadId);
      this.readersJoin.run({ thread: threadId, board: toBoardId });
      this.readThreadPosts.run({ thread: threadId, board: toBoardId });
      this.boardGained.run({ posts: t.post_count, lastId: t.last_post_id, lastAt: t.last_post_at, board: toBoardId });
      this.audit.record(actor, {
        action: 'thread.move', targetKind: 'thread', targetId: threadId, targetLabel: t.subject ?? '',
        memberId: t.author_id, boardId: t.board_id, reason: cleanLine(reason, MODERATION_REASON_MAX),
        detail: { from: t.board_name, to: to.name, toBoardId },
      });
    })();
    this.hub.emit('boards:changed', { boardId: t.board_id });
    this.hub.emit('boards:changed', { boardId: toBoardId });
    this.hub.emit('post:changed', { boardId: toBoardId, threadId, postId: 0 });
  }

  /** Staff change a thread's subject (a title that names someone, or misleads); the old one is kept in the audit log. */
  editSubject(actor: Actor, threadId: number, subject: string, reason = ''): void {
    const t = this.thread(threadId);
    this.staff.requireBoard(actor, t.board_id, "edit a thread's subject");
    const clean = cleanSubject(subject);
    if (clean === t.subject) throw new UserError('That is already the subject.');
    this.db.transaction(() => {
      this.setSubject.run(clean, t.first_post_id);
      this.audit.record(actor, {
        action: 'thread.subject', targetKind: 'thread', targetId: threadId, targetLabel: clean,
        memberId: t.author_id, boardId: t.board_id, reason: cleanLine(reason, MODERATION_REASON_MAX),
        beforeText: t.subject ?? '',
      });
    })();
    this.hub.emit('post:changed', { boardId: t.board_id, threadId, postId: 0 });
    this.hub.emit('boards:changed', { boardId: t.board_id });
  }

  /**
   * Tells this server's screens about a content action the console took in another process
   * (its audit entry arrives as `staff:action`): the same events the action announces here.
   */
  announceConsoleAction(entry: AuditEntry): void {
    if (entry.origin !== 'console' || entry.targetId === null) return;
    if (entry.targetKind === 'post' && entry.action.startsWith('post.')) {
      const post = this.postFacts.get(entry.targetId);
      if (post) this.changed(post);
    } else if (entry.targetKind === 'thread' && entry.action.startsWith('thread.')) {
      const t = this.threadFacts.get(entry.targetId);
      if (!t) return;
      if (entry.boardId !== null && entry.boardId !== t.board_id) this.hub.emit('boards:changed', { boardId: entry.boardId });
      this.hub.emit('boards:changed', { boardId: t.board_id });
      this.hub.emit('post:changed', { boardId: t.board_id, threadId: t.id, postId: 0 });
    }
  }

  private post(postId: number): PostFacts {
    const post = this.postFacts.get(postId);
    if (!post) throw new UserError(`There is no post number ${postId}.`);
    return post;
  }

  private thread(threadId: number): ThreadFacts {
    const t = this.threadFacts.get(threadId);
    if (!t) throw new UserError(`There is no thread number ${threadId}.`);
    return t;
  }

  private label(post: PostFacts): string {
    return `${post.author_name} in "${post.thread_subject ?? ''}" (${post.board_name})`;
  }

  private changed(post: PostFacts): void {
    this.hub.emit('post:changed', { boardId: post.board_id, threadId: post.thread_id, postId: post.id });
  }
}
