import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine } from '../text/index.js';
import type { Accounts, Member } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { PostDraft, Posts } from './posts.js';
import { actorName, type Actor, type Staff } from './staff.js';

export type HeldStatus = 'held' | 'approved' | 'rejected';

/** A post a watched word kept for review, as staff and its author read it. */
export interface HeldPost {
  id: number;
  boardId: number;
  boardName: string;
  /** A reply's thread; null for a new thread. */
  threadId: number | null;
  /** The subject of the new thread, or of the thread replied to. */
  subject: string;
  contentWarning: string | null;
  body: string;
  authorId: number;
  authorName: string;
  /** The watched word that held it. */
  matched: string;
  createdAt: number;
  status: HeldStatus;
  decidedAt: number | null;
  decidedBy: string | null;
  reason: string | null;
  /** The published post, once approved. */
  postId: number | null;
}

export const REJECT_REASON_MAX = 300;
/** How long an author can still read what became of their held posts. */
const DECIDED_SHOWN_MS = 30 * 86_400_000;

interface HeldRow {
  id: number;
  board_id: number;
  board_name: string;
  thread_id: number | null;
  subject: string | null;
  thread_subject: string | null;
  content_warning: string | null;
  body: string;
  author_id: number;
  author_name: string;
  matched: string;
  created_at: number;
  status: HeldStatus;
  decided_at: number | null;
  decided_by: string | null;
  reason: string | null;
  post_id: number | null;
}

function toHeld(r: HeldRow): HeldPost {
  return {
    id: r.id,
    boardId: r.board_id,
    boardName: r.board_name,
    threadId: r.thread_id,
    subject: r.subject ?? r.thread_subject ?? '',
    contentWarning: r.content_warning,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author_name,
    matched: r.matched,
    createdAt: r.created_at,
    status: r.status,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    reason: r.reason,
    postId: r.post_id,
  };
}

const SELECT = `SELECT h.*, b.name AS board_name, m.name AS author_name, fp.subject AS thread_subject
  FROM held_posts h JOIN boards b ON b.id = h.board_id JOIN members m ON m.id = h.author_id
  LEFT JOIN threads t ON t.id = h.thread_id LEFT JOIN posts fp ON fp.id = t.first_post_id`;

/**
 * The approval queue: posts a watched word held, waiting for a sysop or one of the board's
 * moderators to publish (approve) or reject them. Nothing of a held post is public, so no
 * count or read state moves until it is approved, when it is posted the normal way.
 */
export class HeldPosts {
  private readonly insert;
  private readonly byId;
  private readonly waiting;
  private readonly ofAuthor;
  private readonly decide;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly accounts: Accounts,
    private readonly posts: Posts,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO held_posts (board_id, thread_id, author_id, subject, content_warning, body, matched, created_at)
       VALUES (@boardId, @threadId, @authorId, @subject, @contentWarning, @body, @matched, @now)`,
    );
    this.byId = db.prepare<[number], HeldRow>(`${SELECT} WHERE h.id = ?`);
    this.waiting = db.prepare<[], HeldRow>(`${SELECT} WHERE h.status = 'held' ORDER BY h.created_at, h.id`);
    this.ofAuthor = db.prepare<[number, number], HeldRow>(
      `${SELECT} WHERE h.author_id = ? AND (h.status = 'held' OR h.decided_at >= ?) ORDER BY h.created_at DESC, h.id DESC`,
    );
    this.decide = db.prepare(
      `UPDATE held_posts SET status = @status, decided_at = @now, decided_by = @by, reason = @reason, post_id = @postId
       WHERE id = @id AND status = 'held'`,
    );
  }

  /** Keeps a cleaned post for review (Posts calls this through the moderation gate). */
  hold(member: Member, draft: PostDraft, matched: string): number {
    const id = Number(
      this.insert.run({ ...draft, authorId: member.id, matched, now: this.now() }).lastInsertRowid,
    );
    this.hub.emit('held:changed', { boardId: draft.boardId });
    return id;
  }

  /** The posts waiting for review that this actor may decide: every board's for sysops, their boards' for moderators. */
  held(actor: Actor): HeldPost[] {
    this.staff.requireStaff(actor, 'review held posts');
    return this.waiting.all().map(toHeld).filter((h) => this.staff.moderatesBoard(actor, h.boardId));
  }

  /** One held post, for staff who moderate its board. */
  get(actor: Actor, id: number): HeldPost {
    const row = this.byId.get(id);
    if (!row) throw new UserError(`There is no held post number ${id}.`);
    this.staff.requireBoard(actor, row.board_id, 'review held posts here');
    return toHeld(row);
  }

  /** A member's own posts waiting for review, and those decided in the last 30 days (with the reason of a rejection). */
  mine(member: Member): HeldPost[] {
    return this.ofAuthor.all(member.id, this.now() - DECIDED_SHOWN_MS).map(toHeld);
  }

  /**
   * Publishes a held post as its author's, through the normal posting path (counts, read state,
   * the hub). Refused, and left in the queue, when its thread is gone or locked or its author
   * can no longer post there: staff may reject it instead.
   */
  approve(actor: Actor, id: number): { threadId: number; postId: number } {
    const held = this.get(actor, id);
    if (held.status !== 'held') throw new UserError(`That post was already ${held.status}.`);
    const author = this.accounts.findById(held.authorId);
    if (!author) throw new UserError('Its author\'s account is gone.');
    const draft: PostDraft = {
      boardId: held.boardId,
      threadId: held.threadId,
      subject: held.threadId === null ? held.subject : null,
      contentWarning: held.contentWarning,
      body: held.body,
    };
    // One transaction: published, marked approved and audited together or not at all. Posts
    // announces the new post from inside it; listeners read through this same connection.
    const ids = this.db.transaction(() => {
      let published;
      try {
        published = this.posts.publishApproved(author, draft);
      } catch (err) {
        if (err instanceof UserError) throw new UserError(`This post cannot be published: ${err.message} You can reject it instead.`);
        throw err;
      }
      this.decide.run({ status: 'approved', now: this.now(), by: actorName(actor), reason: null, postId: published.postId, id });
      this.audit.record(actor, {
        action: 'post.approve',
        targetKind: 'post',
        targetId: published.postId,
        targetLabel: held.subject,
        memberId: held.authorId,
        boardId: held.boardId,
        detail: { heldId: id, matched: held.matched, threadId: published.threadId },
      });
      return published;
    })();
    this.hub.emit('held:changed', { boardId: held.boardId });
    return ids;
  }

  /** Rejects a held post with a reason its author reads; the post is never published. */
  reject(actor: Actor, id: number, reason: string): HeldPost {
    const held = this.get(actor, id);
    if (held.status !== 'held') throw new UserError(`That post was already ${held.status}.`);
    const why = cleanLine(reason, REJECT_REASON_MAX + 1).trim();
    if (!why) throw new UserError('Please give a reason: its author reads it.');
    if (why.length > REJECT_REASON_MAX) throw new UserError(`A reason may have at most ${REJECT_REASON_MAX} characters.`);
    this.db.transaction(() => {
      this.decide.run({ status: 'rejected', now: this.now(), by: actorName(actor), reason: why, postId: null, id });
      this.audit.record(actor, {
        action: 'post.reject',
        targetKind: 'post',
        targetId: null,
        targetLabel: held.subject,
        memberId: held.authorId,
        boardId: held.boardId,
        reason: why,
        detail: { heldId: id, matched: held.matched },
      });
    })();
    this.hub.emit('held:changed', { boardId: held.boardId });
    return toHeld(this.byId.get(id)!);
  }
}
